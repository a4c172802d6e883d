"""`{% finding_url plan finding as url %}`: where a consistency finding is corrected, for the user on the page.

The chapter's editor in the portal at the cell that carries the finding (`plans.consistency.finding_url`), for
a user who may use that editor on a draft; an empty string otherwise (the finding then points at its chapter on
the page: a submitted or approved plan has nothing to correct).
"""

from django import template

from plans import registry
from plans.consistency import finding_url as url_of
from plans.views.editors import may_edit

register = template.Library()


@register.simple_tag(takes_context=True)
def finding_url(context, plan, finding):
    request = context.get("request")
    chapter = registry.chapter(finding.chapter)
    if request is None or plan.is_locked or chapter is None or chapter.editors is None:
        return ""
    if not may_edit(request.user, chapter):
        return ""
    return url_of(plan, finding)
