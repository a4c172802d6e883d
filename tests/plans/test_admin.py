"""Admin data entry: every page loads, a plan can be entered and corrected from the admin alone, bad input
is refused with the field named, districts stay apart, locked plans stay unchanged, and lists stay cheap."""

import re
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from crime_stats.models import (
    CrimeFigure,
    CrimeHead,
    IllicitArmsRecovery,
    IllicitArmType,
    NarcoticsRecovery,
    OperationalResult,
    Substance,
)
from initiatives.models import (
    NarrativeSection,
    Objective,
    ObjectiveHeading,
    SectionPoint,
    StrategyPoint,
    Target,
    TargetProgress,
)
from logistics.models import (
    Deployment,
    EquipmentType,
    StockCategory,
    StockItem,
    StockStatement,
    VehicleCount,
    VehicleType,
)
from plans import registry
from plans.consistency import run_checks
from plans.models import (
    AnnualPlan,
    BudgetAllocation,
    BudgetHead,
    District,
    DistrictProfile,
    Membership,
    PlanStatus,
    PrintedFigure,
    Province,
    Region,
    Role,
    WorkflowEvent,
)
from strength.models import Cadre, FieldOrganisation, Rank, StrengthEntry
from tests.api.factories import DemoPlanFactory, role_user

SECTION_APPS = ["plans", "strength", "logistics", "crime_stats", "initiatives"]


def admin_url(model_or_obj, view="changelist", *args):
    opts = model_or_obj._meta
    if view in ("change", "history", "delete"):
        args = (model_or_obj.pk, *args)
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def make_district(name, region_slug="lahore"):
    province, _ = Province.objects.get_or_create(slug="punjab", defaults={"name": "Punjab"})
    region, _ = Region.objects.get_or_create(
        slug=region_slug, defaults={"name": region_slug.title(), "province": province}
    )
    return District.objects.create(region=region, name=name, slug=name.lower().replace(" ", "-"))


@pytest.fixture
def district_a(db):
    return make_district("Alpha")


@pytest.fixture
def district_b(db):
    return make_district("Bravo")


@pytest.fixture
def plan_a(district_a, admin_user):
    """A complete synthetic plan with a row of every kind, including the ones the generator leaves out."""
    plan = DemoPlanFactory(district=district_a, year_start=2023)
    target = plan.targets.first()
    TargetProgress.objects.create(target=target, quarter=1, status="on_track", note="Begun.")
    WorkflowEvent.objects.create(
        plan=plan, action="submit", from_status="draft", to_status="submitted", actor=admin_user
    )
    Membership.objects.create(user=admin_user, role=Role.REVIEWER, province=district_a.region.province)
    return plan


@pytest.fixture
def plan_b(district_b):
    return DemoPlanFactory(district=district_b, year_start=2023)


def clerk_of(district):
    """A staff user of one district with every model permission of the plan's apps."""
    every = Permission.objects.filter(content_type__app_label__in=SECTION_APPS)
    return role_user("clerk", Role.CLERK, district=district, staff=True, permissions=every)


def lock(plan, status=PlanStatus.SUBMITTED):
    AnnualPlan.objects.filter(pk=plan.pk).update(status=status)
    plan.refresh_from_db()


# Reading the admin's forms the way a browser sends them back


def field_value(bound_field):
    value = bound_field.value()
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def form_data(response):
    """The data a browser sends back for the admin form in `response` when nothing is changed."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {management.add_prefix(name): management[name].value() for name in management.fields}
        forms += inline.formset.initial_forms
    for form in forms:
        for name in form.fields:
            value = field_value(form[name])
            if value is not None:
                data[form.add_prefix(name)] = value
    return data


def prefix_of(response, model):
    """The form prefix of `model`'s inline on the page."""
    return next(
        inline.formset.prefix for inline in response.context["inline_admin_formsets"] if inline.formset.model is model
    )


def add_rows(data, page, model, rows):
    """Append new inline rows of `model` to the form data, starting from the blank row's defaults."""
    formset = next(inline.formset for inline in page.context["inline_admin_formsets"] if inline.formset.model is model)
    blank = formset.empty_form
    defaults = {name: field_value(blank[name]) for name in blank.fields if name not in ("id", formset.fk.name)}
    start = int(data[f"{formset.prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        values = {name: value for name, value in defaults.items() if value is not None} | row
        data |= {f"{formset.prefix}-{start + offset}-{name}": value for name, value in values.items()}
    data[f"{formset.prefix}-TOTAL_FORMS"] = str(start + len(rows))
    return data


def page_errors(response):
    """Every error on an admin page, as {form prefix or '': {field: messages}} (empty when it saved)."""
    if response.status_code == 302:
        return {}
    errors = {}
    form = response.context["adminform"].form
    if form.errors:
        errors[""] = dict(form.errors)
    for inline in response.context["inline_admin_formsets"]:
        for row in inline.formset.forms:
            if row.errors:
                errors[row.prefix] = dict(row.errors)
        if inline.formset.non_form_errors():
            errors[inline.formset.prefix] = {"__all__": list(inline.formset.non_form_errors())}
    return errors


def save_page(client, url, changes=None, rows=None):
    """GET an admin form, apply `changes` and new inline `rows` ({model: [row, ...]}), POST it back."""
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page) | (changes or {})
    for model, new_rows in (rows or {}).items():
        add_rows(data, page, model, new_rows)
    return client.post(url, data)


def assert_saved(response):
    assert response.status_code == 302, page_errors(response)


# Every page loads


def registered_models():
    return [model for model in admin.site._registry if model._meta.app_label in SECTION_APPS]


def test_every_model_of_the_plan_is_registered():
    registered = set(registered_models())
    from django.apps import apps

    models = {model for label in SECTION_APPS for model in apps.get_app_config(label).get_models()}
    models = {model for model in models if not model.__name__.startswith("Historical")}
    assert models - registered == set()


@pytest.mark.parametrize("app_label", SECTION_APPS)
def test_every_admin_page_loads(admin_client, plan_a, app_label):
    """Changelist, add, change and history page of every model of the app."""
    for model in registered_models():
        if model._meta.app_label != app_label:
            continue
        model_admin = admin.site._registry[model]
        assert admin_client.get(admin_url(model)).status_code == 200, model
        response = admin_client.get(admin_url(model, "add"))
        assert response.status_code == (200 if model_admin.has_add_permission(response.wsgi_request) else 403), model
        obj = model._default_manager.first()
        assert obj is not None, f"no {model.__name__} to open"
        assert admin_client.get(admin_url(obj, "change")).status_code == 200, model
        assert admin_client.get(admin_url(obj, "history")).status_code == 200, model


def test_site_header(admin_client, db):
    assert "Annual Policing Plan portal" in admin_client.get(reverse("admin:index")).content.decode()


# The plan's page


def test_plan_page_reaches_every_section_in_document_order(admin_client, plan_a):
    response = admin_client.get(admin_url(plan_a, "change"))
    content = response.content.decode()
    chapters = [chapter["key"] for chapter in response.context["plan_chapters"]]
    assert chapters == [
        "cover",
        "message",
        "responsibilities",
        "district-detail",
        "vital-statistics",
        "strength",
        "vehicles",
        "stock",
        "objectives",
        "performance",
        "narratives",
        "targets",
        "patrols",  # the test-only section (tests/extra_section)
        "financial-resources",
        "closing",
        "printed",
        "workflow",
    ]
    # The index links every chapter, and each anchor is on the page, in the index's order.
    start = content.index('class="plan-index"')
    index = content[start : content.index("</nav>", start)]
    anchors = re.findall(r'href="#([^"]+)"', index)
    assert anchors == [f"chapter-{key}" for key in chapters]
    positions = [content.index(f'id="{anchor}"') for anchor in anchors]
    assert positions == sorted(positions)
    # The rows are not inlined: each chapter links to its editor in the portal and to its rows' lists.
    assert [inline.formset.model for inline in response.context["inline_admin_formsets"]] == [WorkflowEvent]
    editors = [chapter["key"] for chapter in response.context["plan_chapters"] if chapter["editor"]]
    assert editors == [chapter.slug for chapter in registry.chapters() if chapter.editors is not None]
    for key in editors:
        assert f'href="{reverse("plans:plan-edit", args=[plan_a.district.slug, plan_a.fiscal_year, key])}"' in content
    strength = admin_url(StrengthEntry) + f"?plan__id__exact={plan_a.pk}"
    assert f'href="{strength}"' in content
    chapter = content[content.index('id="chapter-strength"') : content.index('id="chapter-vehicles"')]
    assert f"{plan_a.strength_entries.count()} rows" in chapter


def test_plan_page_has_a_block_for_plan_tools(admin_client, plan_a):
    content = admin_client.get(admin_url(plan_a, "change")).content.decode()
    assert 'class="object-tools"' in content
    assert admin_url(plan_a, "history") in content


# Entering a complete plan from the admin alone


@pytest.fixture
def new_district(admin_client, db):
    """A new district with its reference lists, every one entered through the admin's add pages."""
    province = Province.objects.create(name="Punjab", slug="punjab")
    region = Region.objects.create(province=province, name="Lahore", slug="lahore")
    assert_saved(
        admin_client.post(
            admin_url(District, "add"),
            {"region": region.pk, "name": "Charlie", "slug": "charlie", "approving_authority": "rpo"},
        )
    )
    district = District.objects.get(slug="charlie")
    for model, names, extra in [
        (Rank, ["SSP", "FC", "Junior Clerk"], {"cadre": Cadre.EXECUTIVE}),
        (VehicleType, ["Jeep", "Toyota Pickup"], {}),
        (Deployment, ["Police Stations", "Elite"], {}),
        (StockCategory, ["Arms & Ammunition"], {}),
        (CrimeHead, ["Murder", "Robbery"], {"law_sections": "302 PPC"}),
        (Substance, ["Heroin"], {"unit": "kg"}),
        (IllicitArmType, ["Pistols / Revolvers"], {}),
        (BudgetHead, ["POL charges"], {"account_code": "A03807"}),
    ]:
        for position, name in enumerate(names):
            data = {"district": district.pk, "name": name, "position": position, **extra}
            assert_saved(admin_client.post(admin_url(model, "add"), data))
    category = StockCategory.objects.get(district=district)
    data = {"district": district.pk, "category": category.pk, "name": "MP-5 9 x 19 MM Bore", "position": 0}
    assert_saved(admin_client.post(admin_url(EquipmentType, "add"), data))
    return district


def test_a_complete_plan_is_entered_through_the_admin_forms(admin_client, new_district):
    ranks = {rank.name: rank.pk for rank in Rank.objects.filter(district=new_district)}
    ids = {
        model: model.objects.get(district=new_district, position=0).pk
        for model in [VehicleType, Deployment, StockCategory, CrimeHead, BudgetHead]
    }
    plan_fields = {
        "district": new_district.pk,
        "year_start": "2023",
        "crime_first_year": "2020",
        "crime_last_year": "2022",
        "message": "Welcome to our plan.",
        "responsibilities_intro": "Our main responsibility is to fight crime.",
        "responsibilities_lead": "Our responsibilities are as under:-",
        "signatory_name": "A. Officer",
        "signatory_designation": "District Police Officer",
        "closing_text": "We will achieve our goals.",
    }
    assert_saved(save_page(admin_client, admin_url(AnnualPlan, "add"), plan_fields))
    plan = AnnualPlan.objects.get(district=new_district, year_start=2023)
    # The plan's rows, each on its model's own add page (the plan's page links to them, it does not inline them).
    rows = {
        Objective: [{"position": 1, "number": "i", "title": "Protect life, property and liberty"}],
        StrengthEntry: [
            {"rank": ranks["SSP"], "sanctioned": 1, "present": 1},
            {"rank": ranks["FC"], "sanctioned": 1632, "present": 1573},
        ],
        FieldOrganisation: [
            {"sub_divisions": 4, "police_stations": 20, "posts_sanctioned": 18, "posts_unsanctioned": 0}
        ],
        DistrictProfile: [
            {
                "area_sq_km": "3995",
                "population": "4084286",
                "urban_percent": "67",
                "rural_percent": "33",
                "tehsils": 4,
                "mnas": 4,
                "mpas": 9,
                "union_councils": 125,
                "police_subdivisions": 4,
                "police_stations": 20,
                "police_posts_sanctioned": 8,
                "police_posts_unsanctioned": 23,
                "banks": 158,
                "petrol_pumps": 243,
            }
        ],
        VehicleCount: [{"vehicle_type": ids[VehicleType], "deployment": ids[Deployment], "count": 3}],
        StockStatement: [{"category": ids[StockCategory], "as_of": "2023-07-24"}],
        CrimeFigure: [
            {"head": ids[CrimeHead], "year": year, "cases": cases}
            for year, cases in [(2020, 146), (2021, 135), (2022, 160)]
        ],
        OperationalResult: [{"year": 2022, "gangs_smashed": 199, "encounters": 1}],
        NarrativeSection: [{"position": 1, "kind": "community_policing", "title": "COMMUNITY POLICING"}],
        Target: [{"position": 1, "category": "Police Khidmat Markaz", "present_status": "Functional"}],
        BudgetAllocation: [{"head": ids[BudgetHead], "amount": 115000000}],
    }
    for model, new_rows in rows.items():
        for row in new_rows:
            assert_saved(
                save_page(admin_client, admin_url(model, "add") + f"?plan={plan.pk}", {"plan": plan.pk, **row})
            )
    assert plan.message == "Welcome to our plan."
    assert {(entry.rank.name, entry.present) for entry in plan.strength_entries.all()} == {("SSP", 1), ("FC", 1573)}
    assert plan.profile.police_posts_total == 31
    assert plan.field_organisation.police_stations == 20
    assert [figure.cases for figure in plan.crime_figures.all()] == [146, 135, 160]
    assert plan.vehicle_counts.get().count == 3
    assert plan.budget_allocations.get().amount == 115000000

    # The nested sections, each on its own page, reached from the plan.
    statement = plan.stock_statements.get()
    equipment = EquipmentType.objects.get(district=new_district)
    line = {"equipment_type": equipment.pk, "total_stock": 95, "distributed": 70, "at_headquarters": 25}
    assert_saved(save_page(admin_client, admin_url(statement, "change"), rows={StockItem: [line]}))
    objective = plan.objectives.get()
    assert_saved(
        save_page(
            admin_client,
            admin_url(objective, "change"),
            rows={ObjectiveHeading: [{"position": 1, "letter": "a", "title": "Child Abuse"}]},
        )
    )
    heading = objective.headings.get()
    points = [{"heading": heading.pk, "position": 1, "text": "Implementation of SOP"}, {"position": 2, "text": "Etc."}]
    assert_saved(save_page(admin_client, admin_url(objective, "change"), rows={StrategyPoint: points}))
    section = plan.narrative_sections.get()
    bullet = {"position": 1, "text": "Revival of the public trust on Police."}
    assert_saved(save_page(admin_client, admin_url(section, "change"), rows={SectionPoint: [bullet]}))
    result = plan.operational_results.get()
    assert_saved(
        save_page(
            admin_client,
            admin_url(result, "change"),
            rows={
                NarcoticsRecovery: [{"substance": Substance.objects.get().pk, "quantity": "11.920"}],
                IllicitArmsRecovery: [{"arm_type": IllicitArmType.objects.get().pk, "count": 1691}],
            },
        )
    )
    target = plan.targets.get()
    assert_saved(
        admin_client.post(admin_url(TargetProgress, "add"), {"target": target.pk, "quarter": 1, "status": "on_track"})
    )

    assert statement.items.get().accounted == 95
    assert [point.heading for point in objective.points.order_by("position")] == [heading, None]
    assert section.points.get().text == "Revival of the public trust on Police."
    assert result.narcotics.get().quantity == Decimal("11.920")
    assert result.illicit_arms.get().count == 1691
    assert target.progress.get().status == "on_track"


def test_the_kasur_plan_page_can_be_sent_back_as_it_is(admin_client, kasur_plan):
    page = admin_client.get(admin_url(kasur_plan, "change"))
    assert_saved(admin_client.post(admin_url(kasur_plan, "change"), form_data(page)))


def test_a_figure_of_an_existing_plan_is_corrected_and_the_history_shows_it(admin_client, admin_user, plan_a):
    entry = plan_a.strength_entries.order_by("rank__position").first()
    old = entry.present
    # On the row's own page ...
    assert_saved(save_page(admin_client, admin_url(entry, "change"), {"present": str(old + 1)}))
    # ... and again.
    assert_saved(save_page(admin_client, admin_url(entry, "change"), {"present": str(old + 7)}))
    entry.refresh_from_db()
    assert entry.present == old + 7

    history = admin_client.get(admin_url(entry, "history")).content.decode()
    assert admin_user.username in history
    assert re.search(rf"present:</strong>\s*{old + 1}\s*&nbsp;&rarr;&nbsp;&nbsp;{old + 7}", history, re.I)

    # The plan's history page lists the changes of every section too.
    plan_history = admin_client.get(admin_url(plan_a, "history")).content.decode()
    section_changes = plan_history[plan_history.index('id="section-changes"') :]
    assert escape(str(entry)) in section_changes
    assert re.search(rf"present:</strong>\s*{old + 1}\s*&rarr;\s*{old + 7}", section_changes, re.I)
    assert admin_user.username in section_changes


def test_plan_history_page_loads(admin_client, plan_a):
    assert_saved(save_page(admin_client, admin_url(plan_a, "change"), {"message": "A new message."}))
    response = admin_client.get(admin_url(plan_a, "history"))
    assert response.status_code == 200
    assert "A new message." in response.content.decode()


# Bad input


@pytest.fixture
def small_plan(district_a):
    """A plan with two ranks and one strength row: enough to try bad input on."""
    plan = AnnualPlan.objects.create(district=district_a, year_start=2023, crime_first_year=2020, crime_last_year=2022)
    ssp, fc = (Rank.objects.create(district=district_a, name=name, position=i) for i, name in enumerate(["SSP", "FC"]))
    StrengthEntry.objects.create(plan=plan, rank=ssp, sanctioned=1, present=1)
    return plan


@pytest.mark.parametrize(
    "row, field, message",
    [
        ({"rank": "FC", "sanctioned": "-1", "present": "0"}, "sanctioned", "greater than or equal to 0"),
        ({"rank": "FC", "sanctioned": "12", "present": "twelve"}, "present", "whole number"),
        ({"rank": "SSP", "sanctioned": "1", "present": "1"}, None, "This rank already has a strength entry"),
    ],
    ids=["negative count", "text for a number", "same rank twice"],
)
def test_bad_input_names_the_field_and_saves_nothing(admin_client, small_plan, row, field, message):
    row = row | {"rank": Rank.objects.get(name=row["rank"]).pk, "plan": small_plan.pk}
    before = list(StrengthEntry.objects.values_list("rank", "sanctioned", "present"))
    response = save_page(admin_client, admin_url(StrengthEntry, "add"), row)
    assert response.status_code == 200
    errors = page_errors(response)
    assert message in str(errors), errors
    if field:
        assert any(message in str(row_errors.get(field)) for row_errors in errors.values()), errors
    assert list(StrengthEntry.objects.values_list("rank", "sanctioned", "present")) == before


def test_bad_input_on_a_rows_own_page_names_the_field(admin_client, small_plan):
    entry = small_plan.strength_entries.get()
    response = save_page(admin_client, admin_url(entry, "change"), {"present": "-3"})
    assert "present" in page_errors(response)[""]
    duplicate = {"plan": small_plan.pk, "rank": entry.rank_id, "sanctioned": 2, "present": 2}
    response = admin_client.post(admin_url(StrengthEntry, "add"), duplicate)
    assert "This rank already has a strength entry" in str(page_errors(response)[""])
    assert list(StrengthEntry.objects.values_list("present", flat=True)) == [1]


def test_a_crime_year_outside_the_window_is_refused(admin_client, small_plan):
    head = CrimeHead.objects.create(district=small_plan.district, name="Murder")
    row = {"plan": small_plan.pk, "head": head.pk, "year": 2019, "cases": 3}
    errors = page_errors(save_page(admin_client, admin_url(CrimeFigure, "add"), row))
    assert any("year" in row and "outside" in str(row["year"]) for row in errors.values()), errors
    assert not CrimeFigure.objects.exists()


def test_a_reference_entry_of_another_district_is_refused(admin_client, small_plan, district_b):
    foreign = Rank.objects.create(district=district_b, name="SSP")
    row = {"plan": small_plan.pk, "rank": foreign.pk, "sanctioned": 1, "present": 1}
    errors = page_errors(save_page(admin_client, admin_url(StrengthEntry, "add"), row))
    assert "rank" in str(errors), errors
    assert not StrengthEntry.objects.filter(rank=foreign).exists()


# Districts stay apart


def test_a_clerk_sees_only_their_district(client, django_user_model, plan_a, plan_b):
    client.force_login(clerk_of(plan_a.district))
    other_rows = [plan_b, plan_b.strength_entries.first(), plan_b.stock_statements.first().items.first()]
    other_rows += [plan_b.objectives.first(), Rank.objects.filter(district=plan_b.district).first()]
    for obj in other_rows:
        assert client.get(admin_url(obj, "change")).status_code == 404, obj
        assert client.get(admin_url(obj, "history")).status_code == 404, obj
        assert client.get(admin_url(obj, "delete")).status_code == 404, obj

    plans = client.get(admin_url(AnnualPlan))
    assert list(plans.context["cl"].result_list) == [plan_a]
    ranks = client.get(admin_url(Rank)).context["cl"].result_list
    assert {rank.district for rank in ranks} == {plan_a.district}
    entries = client.get(admin_url(StrengthEntry)).context["cl"].result_list
    assert {entry.plan for entry in entries} == {plan_a}
    filters = client.get(admin_url(StrengthEntry)).content.decode()
    assert plan_b.district.name not in filters

    assert client.get(admin_url(plan_a, "change")).status_code == 200
    page = client.get(admin_url(StrengthEntry, "add") + f"?plan={plan_a.pk}")
    offered = page.context["adminform"].form.fields["rank"].queryset
    assert set(offered) == set(Rank.objects.filter(district=plan_a.district))

    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "strength", "model_name": "strengthentry", "field_name": "plan", "term": ""},
    ).json()
    assert [int(result["id"]) for result in autocomplete["results"]] == [plan_a.pk]


def test_a_clerk_cannot_post_to_another_districts_plan(client, django_user_model, plan_a, plan_b):
    client.force_login(clerk_of(plan_a.district))
    entry = plan_b.strength_entries.first()
    response = client.post(
        admin_url(entry, "change"), {"plan": plan_b.pk, "rank": entry.rank_id, "sanctioned": 0, "present": 0}
    )
    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.sanctioned != 0 or entry.present != 0


# Locked plans


def test_a_locked_plan_shows_no_way_to_save_its_rows(admin_client, plan_a):
    lock(plan_a)
    url = admin_url(plan_a, "change")
    response = admin_client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "submitted and locked" in content
    assert 'name="_save"' not in content
    assert "View in the chapter editor" in content and "Edit in the chapter editor" not in content
    assert admin_client.post(url, form_data(response)).status_code == 403

    entry = plan_a.strength_entries.first()
    row_page = admin_client.get(admin_url(entry, "change")).content.decode()
    assert 'name="_save"' not in row_page
    assert "submitted and locked" in row_page
    assert admin_client.post(admin_url(entry, "change"), {"sanctioned": 0}).status_code == 403
    statement_page = admin_client.get(admin_url(plan_a.stock_statements.first(), "change")).content.decode()
    assert 'name="_save"' not in statement_page


def test_a_locked_plans_rows_cannot_be_deleted_in_bulk(admin_client, plan_a):
    lock(plan_a, PlanStatus.APPROVED)
    entries = list(plan_a.strength_entries.values_list("pk", flat=True))
    data = {"action": "delete_selected", "_selected_action": entries, "post": "yes"}
    response = admin_client.post(admin_url(StrengthEntry), data)
    assert response.status_code == 403
    assert plan_a.strength_entries.count() == len(entries)


def test_a_new_row_cannot_be_added_to_a_locked_plan(admin_client, plan_a):
    lock(plan_a)
    rank = Rank.objects.create(district=plan_a.district, name="Constable Driver", position=99)
    response = admin_client.post(
        admin_url(StrengthEntry, "add"), {"plan": plan_a.pk, "rank": rank.pk, "sanctioned": 1, "present": 1}
    )
    assert response.status_code == 200
    assert "submitted and locked" in str(page_errors(response)[""])
    assert not StrengthEntry.objects.filter(rank=rank).exists()
    search = {"app_label": "strength", "model_name": "strengthentry", "field_name": "plan", "term": ""}
    assert admin_client.get(reverse("admin:autocomplete"), search).json()["results"] == []


# Lists stay cheap


LISTS = [StrengthEntry, StockItem, VehicleCount, CrimeFigure, Rank, SectionPoint, StrategyPoint]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", LISTS, ids=lambda model: model.__name__)
def test_changelist_queries_do_not_grow_with_rows(admin_client, district_a, django_assert_max_num_queries, model):
    DemoPlanFactory(district=district_a, year_start=2022, scale=1)
    small = count_queries(admin_client, admin_url(model))
    rows = model.objects.count()
    DemoPlanFactory(district=district_a, year_start=2023, scale=5)
    assert model.objects.count() >= 5 * rows
    with django_assert_max_num_queries(small):
        admin_client.get(admin_url(model))


def test_plan_list_queries_do_not_grow_with_plans(admin_client, district_a, django_assert_max_num_queries):
    def add_plans(years):
        for year in years:
            plan = AnnualPlan.objects.create(
                district=district_a, year_start=year, crime_first_year=year - 3, crime_last_year=year - 1
            )
            BudgetAllocation.objects.create(plan=plan, head=head, amount=year)

    head = BudgetHead.objects.create(district=district_a, name="POL charges")
    add_plans(range(2000, 2005))
    small = count_queries(admin_client, admin_url(AnnualPlan))
    add_plans(range(2005, 2050))
    with django_assert_max_num_queries(small):
        response = admin_client.get(admin_url(AnnualPlan))
    assert len(response.context["cl"].result_list) == 50


def test_plan_page_queries_do_not_grow_with_rows(admin_client, district_a, district_b, django_assert_max_num_queries):
    small = DemoPlanFactory(district=district_a, year_start=2023, scale=1)
    queries = count_queries(admin_client, admin_url(small, "change"))
    large = DemoPlanFactory(district=district_b, year_start=2023, scale=5)
    assert large.strength_entries.count() >= 5 * small.strength_entries.count()
    with django_assert_max_num_queries(queries):
        admin_client.get(admin_url(large, "change"))


@pytest.mark.parametrize("related", ["stock_statements", "objectives", "narrative_sections", "operational_results"])
def test_nested_pages_queries_do_not_grow_with_rows(
    admin_client, district_a, district_b, django_assert_max_num_queries, related
):
    small = max(
        getattr(DemoPlanFactory(district=district_a, year_start=2023, scale=1), related).all(), key=lambda obj: obj.pk
    )
    queries = count_queries(admin_client, admin_url(small, "change"))
    large = max(
        getattr(DemoPlanFactory(district=district_b, year_start=2023, scale=5), related).all(), key=lambda obj: obj.pk
    )
    with django_assert_max_num_queries(queries):
        admin_client.get(admin_url(large, "change"))


# The Kasur plan


def test_kasur_plan_page_shows_every_section(admin_client, kasur_plan):
    response = admin_client.get(admin_url(kasur_plan, "change"))
    assert response.status_code == 200
    shown = {link["url"]: link["count"] for chapter in response.context["plan_chapters"] for link in chapter["lists"]}
    for model, count in [(StrengthEntry, 19), (VehicleCount, 19), (CrimeFigure, 63), (StockStatement, 3)]:
        assert shown[admin_url(model) + f"?plan__id__exact={kasur_plan.pk}"] == count == model.objects.count()
    complete = {
        chapter["key"]: chapter["editor"]["complete"]
        for chapter in response.context["plan_chapters"]
        if chapter["editor"]
    }
    assert complete["objectives"] is False  # objective iv ("Etc.") has no strategy yet
    assert complete["narratives"] is True


def test_kasur_lists_load(admin_client, kasur_plan):
    for model in [StrengthEntry, StockItem, StockStatement, CrimeFigure, VehicleCount, EquipmentType, PrintedFigure]:
        response = admin_client.get(admin_url(model))
        assert response.status_code == 200
        assert response.context["cl"].result_count == model.objects.count() > 0


def test_the_plan_page_shows_the_consistency_findings(admin_client, kasur_plan):
    findings = run_checks(kasur_plan)
    assert any(finding.is_error for finding in findings), "the document has arithmetic mistakes of its own"
    content = admin_client.get(admin_url(kasur_plan, "change")).content.decode()
    start = content.index('class="plan-findings')
    box = content[start : content.index("</section>", start)]
    errors = sum(finding.is_error for finding in findings)
    assert f"{errors} error" in box
    for finding in findings:
        assert escape(finding.message) in box


def test_a_stock_line_that_does_not_add_up_shows_in_the_findings(admin_client, plan_a):
    url = admin_url(plan_a, "change")
    assert "the figures agree with each other" in admin_client.get(url).content.decode()
    line = StockItem.objects.filter(statement__plan=plan_a).first()
    StockItem.objects.filter(pk=line.pk).update(total_stock=line.total_stock + 1)
    response = admin_client.get(url)
    assert response.context["finding_errors"] >= 1
    assert str(line.equipment_type) in response.content.decode().split('class="plan-findings', 1)[1]


def test_plan_history_queries_do_not_grow_with_changes(admin_client, plan_a, django_assert_max_num_queries):
    def change(rows):
        for row in rows:
            row.new_demand += 1
            row.save()
            row.save()

    lines = list(StockItem.objects.filter(statement__plan=plan_a))
    change(lines[:2])
    queries = count_queries(admin_client, admin_url(plan_a, "history"))
    change(lines[2:22])
    with django_assert_max_num_queries(queries):
        response = admin_client.get(admin_url(plan_a, "history"))
    changes = response.context["section_changes"]
    lines_changed = [entry for entry in changes if entry["model"] is StockItem]
    assert len(lines_changed) == 2 * 22


# The roles as the project defines them (groups made by a migration)


def member(role, **scope):
    return role_user(role, role, group=True, staff=True, **scope)


@pytest.mark.usefixtures("district_b")
def test_a_clerk_in_the_clerk_group_enters_their_districts_plan(client, django_user_model, small_plan):
    client.force_login(member(Role.CLERK, district=small_plan.district))
    add_page = client.get(admin_url(AnnualPlan, "add"))
    assert list(add_page.context["adminform"].form.fields["district"].queryset) == [small_plan.district]
    fields = {"district": small_plan.district_id, "year_start": "2024", "crime_first_year": "2021"}
    assert_saved(save_page(client, admin_url(AnnualPlan, "add"), fields | {"crime_last_year": "2023"}))

    fc = Rank.objects.get(name="FC")
    row = {"rank": fc.pk, "sanctioned": "1632", "present": "1573"}
    assert_saved(save_page(client, admin_url(StrengthEntry, "add"), {"plan": small_plan.pk, **row}))
    assert small_plan.strength_entries.get(rank=fc).present == 1573
    assert client.get(admin_url(small_plan, "delete")).status_code == 403


def test_a_reviewer_reads_the_region_and_records_progress_on_an_approved_plan(client, django_user_model, small_plan):
    target = Target.objects.create(plan=small_plan, position=1, category="Police Khidmat Markaz")
    lock(small_plan, PlanStatus.APPROVED)
    client.force_login(member(Role.REVIEWER, region=small_plan.district.region))
    page = client.get(admin_url(small_plan, "change"))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get(admin_url(target, "change")).status_code == 200
    assert_saved(
        client.post(admin_url(TargetProgress, "add"), {"target": target.pk, "quarter": 1, "status": "achieved"})
    )
    assert target.progress.get().status == "achieved"
