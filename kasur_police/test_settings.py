"""The test run's settings: the project's own, with DEBUG's local defaults (development key, local hosts).

DEBUG is off unless set; the tests set it here, before the settings are read. The API's throttle rates are
raised so that the suite's own requests, which share one address, are not throttled; the throttle tests
set their own rates.
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("API_THROTTLE_ANON", "100000/min")
os.environ.setdefault("API_THROTTLE_USER", "100000/min")

from kasur_police.settings import *  # noqa: E402, F403
