/* The rows of a conference's sources (events/admin_sources.py): "Add a source" appends an empty row from the
   template and puts the focus in its title; "Remove" takes its row away and moves the focus to a neighbour. */
(function () {
  "use strict";
  var counter = 0;

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".source-rows button"), widget, body, row, next;
    if (!button) {
      return;
    }
    widget = button.closest(".source-rows");
    body = widget.querySelector("tbody");
    if (button.classList.contains("source-add")) {
      counter += 1;
      body.insertAdjacentHTML(
        "beforeend",
        widget.querySelector("template.source-row-template").innerHTML.replace(/__row__/g, "new" + counter)
      );
      body.lastElementChild.querySelector("input[type=text]").focus();
    } else if (button.classList.contains("source-remove")) {
      row = button.closest("tr");
      next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      (next ? next.querySelector(".source-remove") : widget.querySelector(".source-add")).focus();
    }
  });
})();
