/* Accessibility fixes for Material's own markup that need the page to run.
   The search dialog exists only for JavaScript users, so naming it here is
   enough: give it the accessible name axe-core (rule aria-dialog-name) and
   screen readers expect. */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role='dialog']");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", "Search this guide");
  }
})();
