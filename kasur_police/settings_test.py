"""The test suite's settings: the project's, plus a small section app that exists only in tests.

`tests/extra_section` registers a chapter of its own through `plans.registry`, so the tests can show that a
new section reaches the document, the portal, the API, the CSV exports, next year's plan and the admin
without a change to `plans`.
"""

from kasur_police.settings import *  # noqa: F403
from kasur_police.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.extra_section"]
