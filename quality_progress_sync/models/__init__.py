from . import quality_checkpoint
from . import quality_inspection
from . import quality_inspection_measure
from . import mrp_routing_workcenter
from . import mrp_workorder
from . import mrp_production
