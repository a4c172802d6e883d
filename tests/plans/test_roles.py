"""The role groups the migration creates, and accounts made with `manage.py add_user`."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from plans.models import District, Membership, Province, Region, Role

SECTION_APPS = ("plans", "strength", "logistics", "crime_stats", "initiatives")
NOT_PLAN_DATA = {"Province", "Region", "District", "Membership", "WorkflowEvent"}


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("content_type__app_label", "codename"))


def section_models(historical=False):
    return [
        model
        for label in SECTION_APPS
        for model in apps.get_app_config(label).get_models()
        if model.__name__.startswith("Historical") == historical
    ]


def perm(model, action):
    return (model._meta.app_label, f"{action}_{model._meta.model_name}")


@pytest.fixture
def places(db):
    punjab = Province.objects.create(name="Punjab", slug="punjab")
    lahore = Region.objects.create(province=punjab, name="Lahore", slug="lahore")
    kasur = District.objects.create(region=lahore, name="Kasur", slug="kasur")
    return punjab, lahore, kasur


def add_user(*args, **options):
    call_command("add_user", *args, stdout=options.pop("stdout", None), **options)
    return get_user_model().objects.get(username=args[0])


def test_the_migration_creates_the_four_groups(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@pytest.mark.parametrize("role", ["clerk", "dpo"])
def test_clerks_and_dpos_edit_plan_data_but_not_where_districts_sit(db, role):
    granted = codenames(role)

    for model in section_models():
        if model.__name__ in NOT_PLAN_DATA:
            assert not {perm(model, a) for a in ("add", "change", "delete")} & granted, model
        elif model.__name__ == "AnnualPlan":
            assert {perm(model, a) for a in ("view", "add", "change")} <= granted
            assert perm(model, "delete") not in granted
        else:
            assert {perm(model, a) for a in ("view", "add", "change", "delete")} <= granted, model
    assert perm(District, "view") in granted
    assert perm(Province, "view") not in granted
    assert perm(Membership, "view") not in granted
    assert {perm(model, "view") for model in section_models(historical=True)} <= granted


@pytest.mark.parametrize("role", ["reviewer", "reader"])
def test_reviewers_and_readers_view_everything(db, role):
    granted = codenames(role)
    models = section_models() + section_models(historical=True)

    assert {perm(model, "view") for model in models} <= granted
    writes = {(label, codename) for label, codename in granted if not codename.startswith("view_")}
    if role == "reader":
        assert writes == set()
    else:  # quarterly review of targets (Article 44) is the one thing reviewers record
        assert writes == {("initiatives", "add_targetprogress"), ("initiatives", "change_targetprogress")}


def test_a_clerk_may_add_strength_a_reader_may_not(places):
    clerk = add_user("clerk1", role="clerk", district="kasur")
    reader = add_user("reader1", role="reader", province="punjab")

    assert clerk.has_perm("strength.add_strengthentry")
    assert clerk.has_perm("strength.change_strengthentry")
    assert reader.has_perm("strength.view_strengthentry")
    assert not reader.has_perm("strength.add_strengthentry")
    assert not reader.has_perm("plans.change_annualplan")


def test_add_user_creates_a_staff_account_with_membership_and_group(places, tmp_path, capsys):
    password_file = tmp_path / "password"
    password_file.write_text("a-long enough Passphrase 42\nignored second line\n")

    user = add_user("amina", role="dpo", district="kasur", password_file=str(password_file), email="amina@example.org")

    assert user.is_staff and not user.is_superuser
    assert user.email == "amina@example.org"
    assert user.check_password("a-long enough Passphrase 42")
    assert list(user.groups.values_list("name", flat=True)) == ["dpo"]
    assert (user.membership.role, user.membership.district.slug) == ("dpo", "kasur")
    assert "Password:" not in capsys.readouterr().out


def test_add_user_prints_a_generated_password(places, capsys):
    call_command("add_user", "bilal", role="reviewer", region="lahore")

    printed = capsys.readouterr().out
    password = printed.split("Password: ")[1].strip()
    user = get_user_model().objects.get(username="bilal")
    assert user.check_password(password)
    assert user.membership.region.slug == "lahore"


def test_add_user_province_scope_by_slug_or_the_only_province(places):
    assert add_user("p1", role="reader", province="punjab").membership.province.slug == "punjab"
    assert add_user("p2", role="reviewer", province="").membership.province.slug == "punjab"

    Province.objects.create(name="Sindh", slug="sindh")
    with pytest.raises(CommandError, match="Name the province"):
        call_command("add_user", "p3", role="reader", province="")


def test_add_user_from_the_command_line_with_a_bare_province_flag(places, capsys):
    call_command("add_user", "c1", "--role", "reader", "--province")

    assert get_user_model().objects.get(username="c1").membership.province.slug == "punjab"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"role": "clerk", "district": "lahore-city"}, "No district with slug 'lahore-city'"),
        ({"role": "reviewer", "region": "nowhere"}, "No region with slug 'nowhere'"),
        ({"role": "reviewer", "province": "sindh"}, "No province with slug 'sindh'"),
        ({"role": "clerk", "region": "lahore"}, "Clerks and DPOs work for one district"),
        ({"role": "dpo", "province": "punjab"}, "Clerks and DPOs work for one district"),
        ({"role": "boss", "district": "kasur"}, "invalid choice: 'boss'"),
        ({"district": "kasur"}, "--role"),
        ({"role": "clerk"}, "one of the arguments --district --region --province is required"),
        ({"role": "clerk", "district": "kasur", "region": "lahore"}, "not allowed with argument"),
    ],
)
def test_add_user_refuses_bad_roles_and_scopes(places, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("add_user", "x", **options)

    assert not get_user_model().objects.filter(username="x").exists()


def test_add_user_refuses_an_existing_username(places):
    add_user("dup", role="clerk", district="kasur")

    with pytest.raises(CommandError, match="already exists"):
        call_command("add_user", "dup", role="clerk", district="kasur")


def test_add_user_refuses_weak_missing_or_empty_password_files(places, tmp_path):
    weak = tmp_path / "weak"
    weak.write_text("12345\n")
    empty = tmp_path / "empty"
    empty.write_text("")

    with pytest.raises(CommandError, match="too short"):
        call_command("add_user", "w", role="clerk", district="kasur", password_file=str(weak))
    with pytest.raises(CommandError, match="empty"):
        call_command("add_user", "w", role="clerk", district="kasur", password_file=str(empty))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("add_user", "w", role="clerk", district="kasur", password_file=str(tmp_path / "missing"))
    assert not get_user_model().objects.filter(username="w").exists()


def test_add_user_refuses_a_bad_email(places):
    with pytest.raises(CommandError, match="valid email"):
        call_command("add_user", "e", role="clerk", district="kasur", email="not-an-address")
