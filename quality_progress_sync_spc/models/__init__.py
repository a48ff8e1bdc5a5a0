from . import quality_checkpoint_spc_limits
from . import quality_checkpoint_spc_rules
from . import quality_checkpoint
from . import quality_inspection
from . import quality_spc_signal
from . import quality_spc_chart
from . import quality_spc_capability
