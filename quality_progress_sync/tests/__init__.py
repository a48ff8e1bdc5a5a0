from . import test_generation
from . import test_gate
from . import test_inspection
from . import test_security
from . import test_frequency
from . import test_performer
from . import test_rework
from . import test_sampling_plan
