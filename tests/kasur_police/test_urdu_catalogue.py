"""The Urdu catalogue: complete, nothing fuzzy, placeholders intact, and the committed .mo compiled from the .po.

The compiled catalogue is committed, so a fresh clone shows the portal in Urdu without GNU gettext
installed; these tests catch a .po edited without `make messages` (which re-extracts and recompiles).
"""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ur" / "LC_MESSAGES"
# %(name)s, %s, %d, %r, %% and {name}/{0}: what the code fills in or escapes.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdrif]|%[sdrif%]|\{[A-Za-z0-9_]*\}")
RANKS = re.compile(r"\b(SSP|DSP|ASI|SI|HC|FC|SHO|SDPO)\b")


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(CATALOGUE / "django.po"))


def translations(entry):
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def test_every_entry_is_translated_and_none_is_fuzzy(po):
    assert len(po) > 800
    untranslated = [entry.msgid for entry in po if not all(text.strip() for text in translations(entry))]
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags]
    obsolete = [entry.msgid for entry in po.obsolete_entries()]
    assert untranslated == [] and fuzzy == [] and obsolete == []
    assert not po.metadata_is_fuzzy
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_placeholders_and_rank_abbreviations_are_kept(po):
    wrong = []
    for entry in po:
        # Urdu has the two forms English has: the first for one, the second for any other number.
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        for source, text in zip(sources, translations(entry), strict=True):
            if placeholders(text) != placeholders(source):
                wrong.append((entry.msgid, text))
            if set(RANKS.findall(source)) - set(RANKS.findall(text)):
                wrong.append((entry.msgid, text))
    assert wrong == []


def test_the_committed_mo_is_the_compiled_po(po):
    mo = polib.mofile(str(CATALOGUE / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): translations(entry) for entry in mo if entry.msgid}
    source = {(entry.msgctxt, entry.msgid): translations(entry) for entry in po.translated_entries()}
    assert compiled == source, "locale/ur/LC_MESSAGES/django.mo is stale: run `make messages`"


def test_django_uses_the_catalogue():
    with translation.override("ur"):
        assert translation.gettext("Sanctioned") == "منظور شدہ"
        assert translation.gettext("Police station") == "تھانہ"
        assert translation.pgettext("initials of Annual Policing Plans", "APP") != "APP"
        assert translation.ngettext("%(count)d error", "%(count)d errors", 3) % {"count": 3} == "3 غلطیاں"
