"""The test suite's settings: the project's, with DEBUG's local defaults, and a section app only tests have.

DEBUG is off unless set; the tests set it here, before the settings are read. The API's throttle rates are
raised so that the suite's own requests, which share one address, are not throttled; the throttle tests set
their own rates. `tests/extra_section` registers a chapter of its own through `plans.registry`, so the tests
can show that a new section reaches the document, the portal, the API, the CSV exports, next year's plan and
the admin without a change to `plans`.
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("API_THROTTLE_ANON", "100000/min")
os.environ.setdefault("API_THROTTLE_USER", "100000/min")

from kasur_police.settings import *  # noqa: E402, F403
from kasur_police.settings import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "tests.extra_section"]
