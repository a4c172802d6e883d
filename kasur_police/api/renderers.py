import io

from rest_framework.renderers import BaseRenderer

from kasur_police.spreadsheet import write_csv


class CSVRenderer(BaseRenderer):
    """A list of flat records as CSV with a header row (`?format=csv`).

    The header comes from the view's `csv_header`, so an empty result is still a valid file with its
    columns; an error (a dict) is written as one record.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        records = [data] if isinstance(data, dict) else list(data or [])
        view = (renderer_context or {}).get("view")
        header = getattr(view, "csv_header", None)
        if header is None or (records and not set(records[0]) <= set(header)):
            header = list(records[0]) if records else []
        output = io.StringIO()
        write_csv(output, header, ([record.get(name) for name in header] for record in records))
        return output.getvalue().encode(self.charset)


class PDFRenderer(BaseRenderer):
    """Accepts `Accept: application/pdf` (and `?format=pdf`) for actions that answer with a PDF file.

    Such actions return the file as a Django response of its own, so this renderer only passes bytes
    through; errors are never rendered as PDF but as JSON (`APIViewMixin.finalize_response`).
    """

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data
