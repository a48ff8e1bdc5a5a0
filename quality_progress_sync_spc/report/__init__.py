from . import spc_xlsx
