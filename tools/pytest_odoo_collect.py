"""pytest plugin (``-p pytest_odoo_collect``), used with pytest-odoo and
``--odoo-extra=test-enable``.

Odoo must be in test mode while pytest-odoo starts and the test modules are
imported (importing ``odoo.tests`` otherwise logs an error), but not when the
registry loads: Odoo would then run every installed module's own tests.
pytest-odoo loads the registry after collection and sets test mode again
around each test module.

Each test runs as under Odoo's own runner (``odoo.tests.suite.OdooSuite``),
which names it ``odoo.modules.module.current_test``: HTTP requests then use
its test cursor only with its cookie, and the websocket is refused (its bus
notifications would never commit), as pytest-odoo does from Odoo 19.0 on.
"""

import pytest

import odoo.modules.module
import odoo.tools


def pytest_collection_finish(session):
    odoo.tools.config["test_enable"] = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before the class's set-up, as OdooSuite.run does.
    instance = getattr(item, "instance", None)
    if instance is not None:
        odoo.modules.module.current_test = instance


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    odoo.modules.module.current_test = False
