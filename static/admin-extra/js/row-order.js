/* "Move up" and "Move down" buttons on the rows of sortable inlines (django-admin-sortable2 drags them with the
   mouse): each click moves its row and numbers every row's hidden order field 1, 2, 3… as shown, and the button
   keeps the focus so the row can be moved again from the keyboard. A new row gets the number after the last. */
(function () {
  "use strict";

  function rowsOf(group) {
    var tbody = group.querySelector("table tbody"),
      rows = tbody ? tbody.querySelectorAll("tr.form-row") : group.querySelectorAll(".inline-related");
    return Array.prototype.filter.call(rows, function (row) {
      return !row.classList.contains("empty-form") && row.querySelector("input._reorder_");
    });
  }

  function renumber(group) {
    rowsOf(group).forEach(function (row, index) {
      row.querySelector("input._reorder_").value = String(index + 1);
    });
  }

  function move(button) {
    var group = button.closest("fieldset.sortable"), row, rows, index, other;
    if (!group) {
      return;
    }
    rows = rowsOf(group);
    row = rows.filter(function (candidate) { return candidate.contains(button); })[0];
    index = rows.indexOf(row);
    other = rows[button.classList.contains("move-up") ? index - 1 : index + 1];
    if (!row || !other) {
      return;
    }
    if (button.classList.contains("move-up")) {
      other.parentNode.insertBefore(row, other);
    } else {
      other.parentNode.insertBefore(row, other.nextSibling);
    }
    renumber(group);
    button.focus();
  }

  function numberNewRow(row) {
    var group = row.closest("fieldset.sortable"), input = row.querySelector("input._reorder_"), highest = 0;
    if (!group || !input) {
      return;
    }
    rowsOf(group).forEach(function (other) {
      var value = parseInt(other.querySelector("input._reorder_").value, 10);
      if (other !== row && value > highest) {
        highest = value;
      }
    });
    input.value = String(highest + 1);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("fieldset.sortable .row-move button");
    if (button) {
      event.preventDefault();
      move(button);
    }
  });
  // The library numbers only the saved rows after a drag; number them all, new ones included.
  document.addEventListener("end", function (event) {
    var group = event.target.closest && event.target.closest("fieldset.sortable");
    if (group) {
      window.setTimeout(function () { renumber(group); }, 0);
    }
  });
  document.addEventListener("formset:added", function (event) {
    numberNewRow(event.target);
  });
})();
