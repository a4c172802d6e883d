"""Request checks that come before any view: input no view should ever have to handle."""

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# The admin's page of one historical version (django-simple-history): its object and version ids are numbers.
HISTORY_VERSION_URL_SUFFIX = "_simple_history"


def is_api_request(request):
    return request.path_info.startswith(API_PREFIX)


def bad_request(request, message):
    if is_api_request(request):
        return JsonResponse({"detail": message}, status=400)
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def has_nul(values):
    return any("\x00" in key or any("\x00" in value for value in values.getlist(key)) for key in values)


def reads_upload_itself(view):
    """Mark a view (function or class) that chooses its own upload handlers: its body is left unread here."""
    view.reads_upload_itself = True
    return view


def view_reads_upload_itself(view_func):
    return getattr(view_func, "reads_upload_itself", False) or getattr(
        getattr(view_func, "cls", None), "reads_upload_itself", False
    )


class RefuseNulCharactersMiddleware:
    """A NUL character in the path, the query string or a form field is answered 400.

    No text the portal stores or searches may hold one (PostgreSQL refuses it), so it can only be an attack
    or a mistake; refusing it here saves every filter, search and autocomplete from handling it.
    The admin's page of one historical version answers a non-numeric object or version id with 404 (its
    lookup would otherwise fail in the database). Form fields are read once the view is known, and not at all
    for a view that reads its upload itself (`reads_upload_itself`: it must set its upload handlers before
    anything reads the body, and stores no text of the form).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or has_nul(request.GET):
            return bad_request(request, _("The address contains a NUL character."))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        url_name = getattr(request.resolver_match, "url_name", None) or ""
        ids = [*view_args, *view_kwargs.values()]
        if url_name.endswith(HISTORY_VERSION_URL_SUFFIX) and not all(str(value).isdigit() for value in ids):
            raise Http404(_("No such version."))
        is_form = request.method == "POST" and request.content_type in FORM_CONTENT_TYPES
        if is_form and not view_reads_upload_itself(view_func) and has_nul(request.POST):
            return bad_request(request, _("The form contains a NUL character."))
        return None
