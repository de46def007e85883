/* Names for admin controls that have no label of their own, so that assistive technology can announce them:
   the fields of tabular inline rows (named after their column), the autocomplete boxes in those rows, and
   modeltranslation's switch that sets the language of every tab (named by #language-switch-label). */
(function ($) {
  "use strict";

  function columnTitle($th) {
    return $.trim($th.clone().children().remove().end().text());
  }

  function nameRow($row) {
    var $table = $row.closest("table");
    $row.children("td").each(function () {
      var $cell = $(this), match = /(?:^|\s)field-(\S+)/.exec(this.className), title;
      if (match) {
        title = columnTitle($table.find("thead th.column-" + match[1]));
      } else if ($cell.hasClass("delete")) {
        title = columnTitle($table.find("thead th").last());
      }
      if (!title) {
        return;
      }
      $cell.find("input, select, textarea").not("[type=hidden]").filter(function () {
        return !this.labels || !this.labels.length;
      }).attr("aria-label", title);
      $cell.find(".select2-selection[role=combobox], .select2-selection__rendered").attr("aria-label", title);
    });
  }

  function nameAll() {
    $(".tabular table tbody tr.form-row").each(function () { nameRow($(this)); });
    // An empty autocomplete box elsewhere takes the name of its select's label.
    $(".select2-selection[role=combobox]").not("[aria-label]").each(function () {
      var select = $(this).closest(".select2").prev("select")[0];
      if (select && select.labels && select.labels.length) {
        $(this).find(".select2-selection__rendered").addBack()
          .attr("aria-label", $.trim($(select.labels[0]).text()).replace(/:$/, ""));
      }
    });
    $("#modeltranslation-main-switch").attr("aria-labelledby", "language-switch-label");
  }

  // select2, the language tabs and new inline rows are built by other scripts at times of their own (jQuery's ready
  // handlers may even run after the load event), so naming follows every change to the page, at most once a tick.
  var pending = false;
  function nameSoon() {
    if (!pending) {
      pending = true;
      window.setTimeout(function () { pending = false; nameAll(); }, 0);
    }
  }
  $(function () {
    nameAll();
    new MutationObserver(nameSoon).observe(document.body, {childList: true, subtree: true});
  });
})(django.jQuery);
