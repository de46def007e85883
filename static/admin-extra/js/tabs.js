/* The part of jQuery UI's tabs widget that modeltranslation's tabbed admin uses,
   served from our own static files so the admin never loads code from a CDN:
   $(el).tabs({active: n}), $(el).tabs("option", "active", n) and the
   "tabsactivate" event. Keyboard: left/right arrows, Home and End move between tabs. */
(function ($) {
  "use strict";

  function activate($container, index, focus) {
    var $tabs = $container.children("ul").children("li"),
      $old = $tabs.filter(".ui-tabs-active"),
      $new = $tabs.eq(index);
    if (!$new.length || $new.is($old)) {
      return;
    }
    $tabs.each(function () {
      var $tab = $(this), $link = $tab.children("a"), selected = $tab.is($new);
      $tab.toggleClass("ui-tabs-active ui-state-active", selected);
      $link.attr({"aria-selected": selected ? "true" : "false", tabindex: selected ? "0" : "-1"});
      $($link.attr("href")).toggle(selected).attr("aria-hidden", selected ? "false" : "true");
    });
    if (focus) {
      $new.children("a").trigger("focus");
    }
    $container.data("tabs-active", index);
    if ($old.length) {
      $container.trigger("tabsactivate", [{
        oldTab: $old, newTab: $new,
        oldPanel: $($old.children("a").attr("href")), newPanel: $($new.children("a").attr("href"))
      }]);
    }
  }

  function setUp($container, options) {
    var $list = $container.children("ul"), $tabs = $list.children("li");
    $container.addClass("ui-tabs ui-widget");
    $list.addClass("ui-tabs-nav ui-helper-reset ui-helper-clearfix").attr("role", "tablist");
    // The link is the tab (it takes the focus); its list item only holds it.
    $tabs.addClass("ui-tabs-tab").attr("role", "presentation").each(function () {
      var $link = $(this).children("a"), panelId = $link.attr("href").slice(1);
      $link.attr({role: "tab", "aria-controls": panelId});
      $("#" + $.escapeSelector(panelId)).addClass("ui-tabs-panel").attr("role", "tabpanel").hide();
    });
    $tabs.children("a").on("click", function (event) {
      event.preventDefault();
      activate($container, $(this).parent().index(), false);
    }).on("keydown", function (event) {
      var index = $(this).parent().index(), count = $tabs.length,
        moves = {ArrowRight: index + 1, ArrowLeft: index - 1 + count, Home: 0, End: count - 1};
      if (event.key in moves) {
        event.preventDefault();
        activate($container, moves[event.key] % count, true);
      }
    });
    activate($container, options.active || 0, false);
  }

  $.fn.tabs = function (options, name, value) {
    if (options === "option") {
      if (name === "active" && value !== undefined) {
        return this.each(function () { activate($(this), value, false); });
      }
      return this.first().data("tabs-active");
    }
    return this.each(function () { setUp($(this), options || {}); });
  };
})(window.jQuery || django.jQuery);
