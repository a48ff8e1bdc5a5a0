from . import quality_inspection
from . import mrp_workorder
from . import mrp_production
from . import ir_websocket
from . import res_users
