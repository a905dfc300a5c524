// The site's own script, small and optional: every page works without it (base.html).
(function () {
  "use strict";

  // --- The phone menu: a disclosure button (aria-expanded) over the navigation. Escape closes
  // it and gives focus back to the button; while it is open, Tab goes round the button and the
  // menu's links only. Without this script, assets/nojs.css shows the navigation instead.
  var button = document.querySelector(".mena-menu-button");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (button && menu) {
    var isOpen = function () { return button.getAttribute("aria-expanded") === "true"; };
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("mena-nav--open", open);
    };
    button.addEventListener("click", function () { setOpen(!isOpen()); });
    document.addEventListener("keydown", function (event) {
      if (!isOpen()) return;
      if (event.key === "Escape") {
        setOpen(false);
        button.focus();
        event.preventDefault();
      } else if (event.key === "Tab") {
        var links = menu.querySelectorAll("a[href]");
        var last = links[links.length - 1];
        if (event.shiftKey && document.activeElement === button) {
          last.focus();
          event.preventDefault();
        } else if (!event.shiftKey && (document.activeElement === last || !menu.contains(document.activeElement) &&
            document.activeElement !== button)) {
          button.focus();
          event.preventDefault();
        }
      }
    });
    // A wide screen shows the navigation as a bar: a menu left open on a phone must not keep
    // trapping Tab there.
    var wide = window.matchMedia("(min-width: 60em)");
    if (wide.addEventListener) {
      wide.addEventListener("change", function (query) {
        if (query.matches) setOpen(false);
      });
    }
  }

  // --- The language hint: on a Ukrainian page, a visitor whose browser prefers English or
  // Polish sees a notice linking to the same page in that language. Never a redirect: Ukrainian
  // loads by default, by law. Once dismissed, it stays dismissed (remembered in this browser
  // only). It floats at the bottom of the window (so it moves nothing: no layout shift), and
  // it never hides what has the keyboard focus (WCAG 2.4.11): the page gets room below its end,
  // and a focused element under the hint is scrolled above it.
  var KEY = "mena-language-hint-dismissed";
  var hints = document.querySelectorAll("[data-mena-hint]");
  if (!hints.length) return;
  try {
    if (window.localStorage.getItem(KEY)) return;
  } catch (error) {
    return; // storage blocked: better no hint than one that cannot stay dismissed
  }
  var available = {};
  hints.forEach(function (hint) { available[hint.getAttribute("data-mena-hint")] = hint; });
  var preferred = (navigator.languages || [navigator.language || ""]).map(function (tag) {
    return tag.toLowerCase().split("-")[0];
  });
  var keepClear = function (hint) {
    var room = function () {
      document.body.style.paddingBottom = hint.hidden ? "" : (hint.offsetHeight + 24) + "px";
    };
    room();
    window.addEventListener("resize", room);
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (hint.hidden || hint.contains(target)) return;
      var box = target.getBoundingClientRect();
      var cover = hint.getBoundingClientRect();
      var overlaps = box.bottom > cover.top && box.top < cover.bottom && box.right > cover.left && box.left < cover.right;
      if (overlaps) window.scrollBy(0, box.bottom - cover.top + 16);
    });
    return room;
  };
  for (var i = 0; i < preferred.length; i++) {
    if (preferred[i] === "uk") return; // Ukrainian comes first for this visitor
    var hint = available[preferred[i]];
    if (hint) {
      hint.hidden = false;
      var room = keepClear(hint);
      hint.querySelector("[data-mena-hint-close]").addEventListener("click", function () {
        hint.hidden = true;
        room();
        try { window.localStorage.setItem(KEY, "1"); } catch (error) { /* nothing to remember with */ }
      });
      return;
    }
  }
})();
