from . import quality_inspection_reopen
from . import quality_inspection_measure_wizard
from . import quality_inspection_disposition
from . import quality_inspection_fail
from . import quality_progress_report_wizard
from . import quality_containment_decision
