"""What the portal's own plan page shows about the approved PDF's signature."""

from django import template

from publication.signing import stored_signatures

register = template.Library()


@register.simple_tag
def approved_pdf_signatures(plan):
    """The signatures of the plan's approved PDF (cached per file); empty when it is unsigned."""
    return stored_signatures(plan)
