"""Bring a set of database records in line with the document, with bulk queries.

Each writer compares what the document says with what is stored and only
writes what differs, so re-importing the same document changes nothing and
the number of queries does not grow with the number of records.
"""

from modeltranslation.translator import NotRegistered, translator

from cabmi_portal.languages import DEFAULT_LANGUAGE, language_codes


def texts(model, name, value):
    """{name_en: …, name_ru: …} for every portal language; languages the document lacks are empty."""
    if isinstance(value, str):
        value = {DEFAULT_LANGUAGE: value}
    value = value or {}
    result = {}
    for code in language_codes():
        column = f"{name}_{code}"
        text = value.get(code) or ""
        result[column] = text if text or not model._meta.get_field(column).null else None
    return result


def given_texts(model, name, value):
    """Only the languages the document gives: shared records keep names other documents gave them."""
    if value is None:
        return {}
    return {column: text for column, text in texts(model, name, value).items() if text}


def same(old, new):
    if old in ("", None) and new in ("", None):
        return True
    return old == new


def apply(obj, values):
    """Set ``values`` on ``obj``; the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if not same(getattr(obj, name), value):
            setattr(obj, name, value)
            changed.append(name)
    return changed


def base_fields(model, changed):
    """Each changed translation column brings its original column (kept equal to English) along."""
    try:
        translated = translator.get_options_for_model(model).fields
    except NotRegistered:
        translated = {}
    extra = {name for name in translated for column in changed if column.startswith(f"{name}_")}
    return sorted(set(changed) | extra)


def sync(model, existing, desired, counts, remove=True):
    """Make the stored records of one kind match ``desired``.

    ``existing`` maps an identity to a stored record; ``desired`` is a list of
    (identity, values for a new record, values to compare). Returns identity ->
    record for every desired record. Records whose identity left the document
    are deleted first, so unique constraints never see old and new together.
    """
    wanted = {identity for identity, _new, _values in desired}
    gone = [obj.pk for identity, obj in existing.items() if identity not in wanted]
    if remove and gone:
        model.objects.filter(pk__in=gone).delete()
        counts.removed += len(gone)
    records, new, changed, columns = {}, [], [], set()
    for identity, create_values, values in desired:
        obj = existing.get(identity)
        if obj is None:
            obj = model(**create_values, **values)
            new.append(obj)
        else:
            fields = apply(obj, values)
            if fields:
                changed.append(obj)
                columns.update(fields)
            else:
                counts.unchanged += 1
        records[identity] = obj
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, base_fields(model, columns))
    counts.created += len(new)
    counts.updated += len(changed)
    return records
