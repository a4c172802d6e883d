"""The four roles as groups holding their model permissions.

clerk, dpo: view, add, change and delete every row of a plan and the district's reference lists (no
            deleting a whole plan), view their district and the plan's workflow steps.
reviewer:   view everything of the five apps, and record quarterly target progress (Article 44).
reader:     view everything of the five apps (read-only API clients).
All four may view the history (simple_history's Historical* models) of the five apps.
What a role may do in the workflow (submit, return, approve) is checked by plans.workflow, and which
rows a user sees by plans.scope; these permissions only say which kinds of rows.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ("plans", "strength", "logistics", "crime_stats", "initiatives")
# Rows of the plans app that are not plan data: where districts sit, who works where, workflow steps.
NOT_PLAN_DATA = {"province", "region", "district", "membership", "workflowevent"}
ALL_ACTIONS = ("view", "add", "change", "delete")
ROLES = ("clerk", "dpo", "reviewer", "reader")


def role_permissions(apps):
    """{role: {(app_label, codename)}} from the models as they stand at this migration."""
    viewing, editing = set(), set()
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            name = model._meta.model_name
            viewing.add((label, f"view_{name}"))
            if name.startswith("historical") or (label == "plans" and name in NOT_PLAN_DATA):
                continue
            actions = ALL_ACTIONS if name != "annualplan" else ("view", "add", "change")
            editing.update((label, f"{action}_{name}") for action in actions)
    own_district = {
        ("plans", "view_district"),
        ("plans", "view_workflowevent"),
        *((label, codename) for label, codename in viewing if codename.startswith("view_historical")),
    }
    progress = {("initiatives", f"{action}_targetprogress") for action in ("view", "add", "change")}
    return {
        "clerk": editing | own_district,
        "dpo": editing | own_district,
        "reviewer": viewing | progress,
        "reader": viewing,
    }


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); create them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    by_key = {
        (label, codename): pk
        for pk, label, codename in Permission.objects.filter(content_type__app_label__in=APPS).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role, keys in role_permissions(apps).items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([by_key[key] for key in sorted(keys)])


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("plans", "0001_initial"),
        ("strength", "0001_initial"),
        ("logistics", "0001_initial"),
        ("crime_stats", "0001_initial"),
        ("initiatives", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
