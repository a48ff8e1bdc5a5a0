"""pytest plugin (``-p pytest_odoo_collect``), used with pytest-odoo and
``--odoo-extra=test-enable``.

Odoo must be in test mode while pytest-odoo starts and the test modules are
imported (importing ``odoo.tests`` otherwise logs an error), but not when the
registry loads: Odoo would then run every installed module's own tests.
pytest-odoo loads the registry after collection and sets test mode again
around each test module.
"""

import odoo.tools


def pytest_collection_finish(session):
    odoo.tools.config["test_enable"] = False
