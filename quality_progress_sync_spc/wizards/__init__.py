from . import quality_spc_limits_wizard
