from django import forms
from django.utils.translation import gettext_lazy as _

from publication.verification import MAX_UPLOAD_BYTES


class VerifyForm(forms.Form):
    pdf = forms.FileField(
        label=_("PDF to check"),
        help_text=_("At most %(megabytes)s MB. The file is checked in memory and not kept.")
        % {"megabytes": MAX_UPLOAD_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(megabytes)s MB."), params={"megabytes": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload
