from . import test_generation
from . import test_gate
from . import test_inspection
from . import test_security
