/* The links to the parts of a change page (templates/admin/includes/page_parts_nav.html) open the part they lead
   to when it is folded (a <details> group), then move the focus there. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".page-parts a"), target, details;
    if (!link) {
      return;
    }
    target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) {
      return;
    }
    details = target.closest("details") || target.querySelector("details");
    if (details) {
      details.open = true;
    }
  });
})();
