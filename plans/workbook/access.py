"""Who may take a plan's workbook and who may load one: the permissions of the full plan and the PDF.

Exporting needs the view permission on every model the full plan shows; importing needs the change
permission on the plan and on each of those models. Scope comes from the caller (`visible_to`): another
district's plan is a 404 before either is asked.
"""

from plans.api import full_plan


def export_permissions():
    return full_plan.permissions()


def import_permissions():
    changes = [permission.replace(".view_", ".change_") for permission in full_plan.permissions()]
    return list(dict.fromkeys(["plans.change_annualplan", *changes]))


def may_export(user):
    return user.has_perms(export_permissions())


def may_import(user):
    return user.has_perms(import_permissions())
