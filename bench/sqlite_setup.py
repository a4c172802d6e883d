"""The set-up that the SQLite benchmarks share (render_plan.py, save_grid.py, workbook.py).

Django on a temporary SQLite database with the Kasur 2023-2024 plan loaded, the options they all take,
and the plans and client they measure with.
"""

import argparse
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database):
    """Django on the SQLite file `database`, migrated, with the Kasur 2023-2024 plan loaded."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasur_police.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "kasur_2023_24", verbosity=0)


@contextmanager
def temporary_database():
    """Django set up (as `setup_django`) on a SQLite file that is removed on leaving the block."""
    with tempfile.TemporaryDirectory() as directory:
        print("Setting up a temporary database and loading the plans ...", file=sys.stderr)
        setup_django(Path(directory) / "bench.sqlite3")
        yield


def parse_options(description, runs, runs_help, scale=True):
    """The command line: `--runs` (default `runs`) and, with `scale`, the synthetic plan's `--scale`."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--runs", type=int, default=runs, help=f"{runs_help} (default {runs})")
    if scale:
        parser.add_argument(
            "--scale", type=int, default=5, help="size of the synthetic plan against Kasur's (default 5)"
        )
    return parser.parse_args()


def kasur_plan():
    """The Kasur 2023-2024 plan that `setup_django` loads."""
    from plans.models import AnnualPlan

    return AnnualPlan.objects.select_related("district").get(district__slug="kasur", year_start=2023)


def plans_and_client(scale):
    """The Kasur plan, a synthetic plan `scale` times its size, and a test client logged in as a superuser."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from plans.demo import build_demo_district, build_demo_plan
    from plans.models import AnnualPlan

    kasur = kasur_plan()
    demo = build_demo_plan(build_demo_district(kasur.district.region, 1), 2023, scale=scale)
    demo = AnnualPlan.objects.select_related("district").get(pk=demo.pk)
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bench", "bench@localhost", "bench-password"))
    return kasur, demo, client


def measure_each_plan(scale, doing, measure):
    """On a temporary database, `measure(plan, client)` for the Kasur plan, then for a synthetic plan `scale`
    times its size (see `plans_and_client`); their results, in that order. `doing` names the work for the log."""
    with temporary_database():
        kasur, demo, client = plans_and_client(scale)
        results = []
        for plan in (kasur, demo):
            print(f"{doing} {plan} ...", file=sys.stderr)
            results.append(measure(plan, client))
    return results
