// The language hint: on a Ukrainian page, a visitor whose browser prefers English or Polish
// sees a notice linking to the same page in that language. Never a redirect: Ukrainian loads
// by default, by law. Once dismissed, it stays dismissed (remembered in this browser only).
(function () {
  "use strict";
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
  for (var i = 0; i < preferred.length; i++) {
    if (preferred[i] === "uk") return; // Ukrainian comes first for this visitor
    var hint = available[preferred[i]];
    if (hint) {
      hint.hidden = false;
      hint.querySelector("[data-mena-hint-close]").addEventListener("click", function () {
        hint.hidden = true;
        try { window.localStorage.setItem(KEY, "1"); } catch (error) { /* nothing to remember with */ }
      });
      return;
    }
  }
})();
