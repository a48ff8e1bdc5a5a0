from . import test_shop_floor
from . import test_shop_floor_containment
from . import test_shop_floor_inputs
from . import test_shop_floor_js
from . import test_shop_floor_preference
from . import test_shop_floor_progress
from . import test_shop_floor_tour
from . import test_translations
