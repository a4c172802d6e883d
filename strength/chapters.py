"""The 'Present strength' chapter: field organisation, strength by rank and ministerial staff."""

from django.utils.translation import gettext_lazy as _

from plans.document import Part
from strength.figures import strength_figures


def strength(plan):
    return [
        Part(
            "strength",
            _("Present strength"),
            "chapters/strength.html",
            {"plan": plan, "strength": strength_figures(plan)},
        )
    ]
