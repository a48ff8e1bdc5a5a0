from . import progress_quality_xlsx
from . import spc_xlsx
