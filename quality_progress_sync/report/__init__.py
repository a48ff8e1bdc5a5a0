from . import progress_quality_xlsx
from . import progress_quality_xlsx_kpi
from . import progress_quality_xlsx_cost
from . import progress_quality_xlsx_containment
from . import quality_inspection_record
from . import quality_certificate
