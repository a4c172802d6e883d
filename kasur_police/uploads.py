"""What an uploaded image must be: a PNG, JPEG or WebP raster that Pillow reads, within the size limit.

Checked by content, not by name: Pillow is asked to read the file as one of those three formats only, so a
PostScript or EPS file (which Pillow would hand to Ghostscript) or an SVG (which can carry scripts) is
refused whatever its name says.
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

RASTER_FORMATS = {"PNG": {".png"}, "JPEG": {".jpg", ".jpeg"}, "WEBP": {".webp"}}


def check_raster_image(upload):
    """Raise ValidationError unless `upload` (a file or FieldFile) is a PNG, JPEG or WebP image of allowed size."""
    limit = settings.MAX_UPLOAD_IMAGE_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The image is %(size)s; the largest accepted is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    refused = ValidationError(_("Upload a PNG, JPEG or WebP image (not PDF, EPS, PostScript or SVG)."), code="format")
    upload.seek(0)
    try:
        with Image.open(upload, formats=list(RASTER_FORMATS)) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as error:
        raise refused from error
    finally:
        upload.seek(0)
    if PurePath(upload.name or "").suffix.lower() not in RASTER_FORMATS[image_format]:
        raise ValidationError(
            _("The file's name does not match its content (a %(format)s image).") % {"format": image_format},
            code="extension",
        )
