"""pytest plugin (``-p pytest_odoo_collect``): mark Odoo as testing while the
test modules are imported, so that importing ``odoo.tests`` logs no error.

pytest-odoo sets Odoo's ``test_enable`` only around each test module; the
modules are imported before, at collection. The flag must be off again when
the registry loads, or Odoo would run every installed module's tests.
"""

import odoo.tools


def pytest_collectstart(collector):
    odoo.tools.config["test_enable"] = True


def pytest_collection_finish(session):
    odoo.tools.config["test_enable"] = False
