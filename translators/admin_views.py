"""The admin's translation pages: export, import (upload, preview, confirm) and the side-by-side view.

Each page calls the same functions as the commands (exporter,
importer). Staff who may change conferences work in every language; a
translator only in theirs, anywhere else the page answers 403.
"""

import hashlib
import io
import zipfile
from pathlib import PurePosixPath

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cabmi_portal.languages import language_names
from events.interchange.admin_actions import discard, forget, keep_upload, upload_name
from events.models import Conference

from . import files
from .access import languages_user_may_translate
from .exporter import export_translation, word_counts
from .importer import Refusal, apply_translations, import_translation, language_name
from .outdated import statuses
from .units import edition_units, load_edition

CONFLICT = gettext_lazy(
    "someone saved another translation of this text after you opened the page; yours is kept here: "
    "save again to replace theirs"
)
FORMATS = ((files.XLIFF, gettext_lazy("XLIFF 2 (CAT tools)")), (files.PO, gettext_lazy("PO (Poedit)")))


def allowed_languages(request):
    if not request.user.has_perm("events.view_conference"):
        raise PermissionDenied
    languages = languages_user_may_translate(request.user)
    if not languages:
        raise PermissionDenied
    return languages


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"))
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=FORMATS, initial=files.XLIFF)
    missing_only = forms.BooleanField(
        label=gettext_lazy("Only what needs translating"), required=False, help_text=gettext_lazy("Missing and outdated translations.")
    )

    def __init__(self, *args, languages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, language_name(code)) for code in languages]


def page(request, template, title, conference=None, **context):
    opts = Conference._meta
    context.update(admin.site.each_context(request), opts=opts, title=title, conference=conference)
    return render(request, f"admin/translators/{template}", context)


def download(export):
    response = HttpResponse(export.content, content_type=f"{export.content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


# Export -------------------------------------------------------------------


def export_view(request, object_id):
    """The conference page's export: choose language and format, see the words to translate, download."""
    languages = allowed_languages(request)
    conference = get_object_or_404(Conference, pk=object_id)
    form = ExportForm(request.GET if "language" in request.GET else None, languages=languages)
    if form.is_valid():
        data = form.cleaned_data
        return download(export_translation(conference, data["language"], missing_only=data["missing_only"], format=data["format"]))
    counts = word_counts(conference, languages)
    rows = [(code, language_name(code), words) for code, words in counts.items()]
    return page(request, "export.html", _("Export for translation"), conference, form=form, rows=rows)


@admin.action(description=gettext_lazy("Export for translation"), permissions=["view"])
def export_for_translation(modeladmin, request, queryset):
    """The list action: one file for one conference, a zip for several, after choosing the language and format."""
    languages = allowed_languages(request)
    form = ExportForm(request.POST if "language" in request.POST else None, languages=languages)
    conferences = list(queryset.order_by("-start_date", "id"))
    if not form.is_valid():
        return page(request, "export_action.html", _("Export for translation"), form=form, conferences=conferences)
    data = form.cleaned_data
    exports = [export_translation(c, data["language"], missing_only=data["missing_only"], format=data["format"]) for c in conferences]
    if len(exports) == 1:
        return download(exports[0])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for export in exports:
            archive.writestr(export.filename, export.content)
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="translation-{data["language"]}.zip"'
    return response


# Import -------------------------------------------------------------------


class ImportForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Translated file"), help_text=gettext_lazy("An XLIFF 2 (.xlf) or PO (.po) file exported from this portal.")
    )


def import_view(request):
    languages = allowed_languages(request)
    if request.method == "POST" and request.POST.get("token"):
        return confirm_import(request, languages)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        token = keep_upload(request, upload)
        with default_storage.open(upload_name(request, token), "rb") as kept:
            report = import_translation(upload.name, kept.read(), user=request.user, dry_run=True, languages=languages)
        if not report.ok or not (report.applied or report.confirmed):
            discard(token)
            token = None
        context.update(report=report, token=token)
    return page(request, "import.html", _("Import translation"), **context)


def confirm_import(request, languages):
    token = request.POST["token"]
    name = upload_name(request, token)
    if name is None:
        messages.error(request, _("That upload has expired or was already imported. Please upload the file again."))
        return redirect("admin:events_conference_translation_import")
    with default_storage.open(name, "rb") as kept:
        report = import_translation(PurePosixPath(name).name, kept.read(), user=request.user, languages=languages)
    discard(token)
    forget(request, token)
    if not report.ok:
        return page(request, "import.html", _("Import translation"), form=ImportForm(), report=report)
    messages.success(request, report.summary())
    return redirect("admin:events_conference_translate", report.conference.pk, report.language)


# Side by side ---------------------------------------------------------------


def translate_view(request, object_id, language):
    """Every unit of the edition: English, the translation to edit, and whether it is missing or outdated."""
    languages = allowed_languages(request)
    if language not in languages:
        raise PermissionDenied if language in language_names() else Http404
    conference = get_object_or_404(Conference, pk=object_id)
    edition = load_edition(conference)
    units = edition_units(edition)
    report = None
    if request.method == "POST":
        comment = _("Translation into %(language)s edited side by side") % {"language": language_name(language)}
        submitted, conflicts = submitted_units(request.POST, units, language)
        report = apply_translations(conference, language, submitted, user=request.user, comment=comment)
        report.refused += [Refusal(unit_id, str(CONFLICT)) for unit_id in conflicts]
        if not report.refused:
            messages.success(request, report.summary())
            return redirect(request.get_full_path())
        edition = load_edition(conference)
        units = edition_units(edition)
    return page(
        request,
        "translate.html",
        _("Translate “%(title)s” into %(language)s") % {"title": edition.title_en, "language": language_name(language)},
        edition,
        language=language,
        language_label=language_name(language),
        languages=[(code, language_name(code)) for code in languages],
        rows=rows(units, language, request.POST if report else None, report),
        show=request.GET.get("show", ""),
        counts=word_counts(edition, [language])[language],
    )


def submitted_units(post, units, language):
    """The units the form changed or confirmed, as an import file would bring them, and those changed in two places.

    Each row carries a digest of the translation it showed. A row left as it was is not sent, even if the
    translation has since been saved from another tab; a row changed here whose translation was also changed
    elsewhere since is a conflict, refused with the text typed kept, and saving the page again replaces it.
    """
    submitted, conflicts = [], []
    for unit in units:
        target = post.get(f"target-{unit.id}")
        if target is None:
            continue
        target = target.replace("\r\n", "\n")
        current = unit.target(language) or ""
        shown = post.get(f"shown-{unit.id}")
        if shown is None:  # a page opened before rows carried their digest
            changed = target != current and (target.strip() or current)
        else:
            changed = text_digest(target) != shown and target != current and (target.strip() or current)
            if changed and text_digest(current) != shown:
                conflicts.append(unit.id)
                continue
        if changed or post.get(f"confirm-{unit.id}"):
            submitted.append(files.FileUnit(unit.id, unit.source, target, post.get(f"hash-{unit.id}", "")))
    return submitted, conflicts


def text_digest(text):
    return hashlib.sha256((text or "").encode()).hexdigest()[:32]


def rows(units, language, posted, report):
    status = statuses(units, language)
    refused = {refusal.unit: refusal.reason for refusal in report.refused} if report else {}
    return [
        {
            "unit": unit,
            "status": status[unit.id],
            "target": posted.get(f"target-{unit.id}", unit.target(language)) if posted else unit.target(language),
            # The English shown now is what a save confirms, so the form carries today's hash.
            "hash": unit.hash,
            # The translation as saved now: a row left as it was sends nothing, a row changed twice is caught.
            "shown": text_digest(unit.target(language)),
            "error": refused.get(unit.id, ""),
            "lines": text_rows(unit.source, unit.target(language)),
        }
        for unit in units
    ]


def text_rows(*texts):
    """Rows enough for the longer of the English and the translation (about 60 characters a line), 2 to 12."""
    return min(12, max(2, *(len(text) // 60 + text.count("\n") + 1 for text in texts)))


def translation_links(conference, user):
    """URLs of the side-by-side view (in the first language ``user`` may translate) and of the export page."""
    languages = languages_user_may_translate(user) if user.has_perm("events.view_conference") else []
    if conference is None or not languages:
        return {}
    return {
        "translate": reverse("admin:events_conference_translate", args=[conference.pk, languages[0]]),
        "export": reverse("admin:events_conference_translation_export", args=[conference.pk]),
    }
