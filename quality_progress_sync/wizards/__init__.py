from . import quality_inspection_reopen
from . import quality_inspection_measure_wizard
from . import quality_inspection_disposition
