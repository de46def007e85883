"""A long change page in the order its record is read, with a list of its parts at the top.

Django puts every fieldset before every inline. ``page_parts`` lets a fieldset
name the inline it follows (the class ``after-<inline prefix>``, e.g.
``after-photos``) so the conference page reads: the edition, who organized it,
who took part, the programme, photos, sources. The template
``admin/includes/page_parts.html`` renders the parts and their navigation.
"""

from django.utils.text import capfirst

AFTER = "after-"


def page_parts(adminform, inline_admin_formsets):
    """[{"fieldset" or "inline", "index", "anchor", "title"}] in the order the page shows them."""
    fieldsets = list(enumerate(adminform))
    inlines = list(inline_admin_formsets)
    placed = {inline.formset.prefix for inline in inlines}

    def follows(fieldset):
        marks = [name[len(AFTER) :] for name in fieldset.classes.split() if name.startswith(AFTER)]
        return next((mark for mark in marks if mark in placed), None)

    def fieldset_part(index, fieldset):
        return {"fieldset": fieldset, "index": index, "anchor": f"fieldset-0-{index}-heading", "title": fieldset.name}

    parts = [fieldset_part(index, fieldset) for index, fieldset in fieldsets if follows(fieldset) is None]
    for inline in inlines:
        opts = inline.opts
        title = opts.verbose_name if inline.formset.max_num == 1 else opts.verbose_name_plural
        parts.append({"inline": inline, "anchor": f"{inline.formset.prefix}-group", "title": capfirst(title)})
        parts.extend(fieldset_part(index, fieldset) for index, fieldset in fieldsets if follows(fieldset) == inline.formset.prefix)
    return parts
