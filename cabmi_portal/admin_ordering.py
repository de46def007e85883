"""Inline rows put in order by dragging them or with "Move up" / "Move down" buttons, never by typing numbers.

django-admin-sortable2 makes the rows draggable with the mouse and hides their
order field. Its own move icons are not keyboard controls, so the portal's
templates put two real buttons on every row instead (admin-extra/js/row-order.js
moves the row and numbers the rows 1, 2, 3… in the order shown). A new row comes
last: the page gives it the next number, and a row saved with none gets the
highest order of its conference (or session) plus one.

The admin holding such inlines starts with ``SortableAdminBase``; the inline
starts with ``SortableRows`` and names one of the two templates below.
"""

from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableInlineAdminMixin

__all__ = ["SORTABLE_STACKED", "SORTABLE_TABULAR", "OrderedRowsFormSet", "SortableAdminBase", "SortableRows"]

SORTABLE_TABULAR = "admin/edit_inline/sortable_tabular.html"
SORTABLE_STACKED = "admin/edit_inline/sortable_stacked.html"

# The library's formset: hides the order field and numbers new rows after the last one.
OrderedRowsFormSet = CustomInlineFormSet


class SortableRows(SortableInlineAdminMixin):
    # The rows' own order: the library takes its order field from the first name here.
    ordering = ("order", "id")

    class Media:
        js = ("admin-extra/js/row-order.js",)
