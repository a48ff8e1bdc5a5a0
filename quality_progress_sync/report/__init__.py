from . import progress_quality_xlsx
