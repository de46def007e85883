/* One language switch for the whole change page: its buttons show every translated field (the page's own and
   those of its inline rows, new rows included) in one language at once, in place of a row of language tabs over
   each field. The choice is remembered in this browser (localStorage). A language whose fields hold errors is
   marked on its button and chosen when the page opens. Driven through modeltranslation's tabs
   (tabbed_translation_fields.js and admin-extra/js/tabs.js), whose own tab rows are then hidden. */
(function ($) {
  "use strict";
  var KEY = "cabmi-admin-language", current = null;

  function tabCode($item) {
    return $.trim($item.children("a").text()).toLowerCase();
  }

  function choose($switch, code, remember) {
    current = code;
    $(".ui-tabs").each(function () {
      var $container = $(this), index = -1;
      $container.children("ul").children("li").each(function (position) {
        if (tabCode($(this)) === code) {
          index = position;
        }
      });
      if (index >= 0) {
        $container.tabs("option", "active", index);
      }
    });
    $switch.find("button").each(function () {
      this.setAttribute("aria-pressed", this.getAttribute("data-language") === code ? "true" : "false");
    });
    // modeltranslation activates new rows' tabs from its own (hidden) select: keep it in step.
    $("#modeltranslation-main-switch option").each(function () {
      if ($.trim($(this).text()).toLowerCase() === code) {
        $("#modeltranslation-main-switch").val(this.value);
      }
    });
    if (remember) {
      try {
        window.localStorage.setItem(KEY, code);
      } catch (error) { /* storage refused: the choice lasts for this page */ }
    }
  }

  function markErrors($switch) {
    var withErrors = [];
    $(".ui-tabs-nav li.ui-tab-has-errors").each(function () {
      withErrors.push(tabCode($(this)));
    });
    $switch.find("button").each(function () {
      $(this).toggleClass("has-errors", withErrors.indexOf(this.getAttribute("data-language")) >= 0);
    });
    return withErrors;
  }

  // A translated field of a tabular row sits in a language panel, no longer in its column's cell: it is named
  // after its column's heading and its language ("Title (ru)").
  function nameTabularFields() {
    $(".tabular .ui-tabs-panel > div[class*='field-']").each(function () {
      var match = /(?:^|\s)field-(\S+)_([a-z]{2,3})(?:\s|$)/.exec(this.className), title;
      if (!match) {
        return;
      }
      title = $.trim($(this).closest("table").find("thead th.column-" + match[1] + "_" + match[2] + ", thead th.column-" + match[1])
        .first().clone().children().remove().end().text());
      if (title) {
        $(this).find("input, select, textarea").not("[type=hidden]").filter(function () {
          return !this.labels || !this.labels.length;
        }).attr("aria-label", title + " (" + match[2] + ")");
      }
    });
  }

  function setUp() {
    var $switch = $(".language-switch").first(), codes, saved = null, errors, start;
    if (!$switch.length || !$(".ui-tabs").length) {
      return;
    }
    codes = $switch.find("button").map(function () { return this.getAttribute("data-language"); }).get();
    try {
      saved = window.localStorage.getItem(KEY);
    } catch (error) { /* no storage */ }
    errors = markErrors($switch);
    start = errors[0] || (codes.indexOf(saved) >= 0 ? saved : null) ||
      (codes.indexOf(document.documentElement.lang) >= 0 ? document.documentElement.lang : codes[0]);
    $switch.prop("hidden", false);
    $("body").addClass("one-language-switch");
    $switch.on("click", "button", function () {
      choose($switch, this.getAttribute("data-language"), true);
    });
    choose($switch, start, false);
    nameTabularFields();
    // Rows added to an inline get their tabs from modeltranslation after Django's formset:added: follow them.
    $(document).on("formset:added", function () {
      window.setTimeout(function () { choose($switch, current, false); nameTabularFields(); }, 0);
    });
  }

  // After modeltranslation's own ready handler has built the tabs.
  $(function () { window.setTimeout(setUp, 0); });
})(django.jQuery);
