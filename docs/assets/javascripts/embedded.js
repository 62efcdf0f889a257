/* The framed side of embedding: see docs/for-clinics/embed.md.
 *
 * Loaded without `async` or `defer` in the <head> of every page, so the embed
 * view is switched on before the first paint (no flash of the full page).
 *
 * A page is in embed view when it is shown inside a frame, or when its address
 * has `?embed` (or `embed=1`; `embed=0` switches it off). In embed view:
 *   - <html> gets the class `gib-embed`; the embed part of extra.css hides the site header,
 *     navigation, footer and palette toggle and keeps the content and the
 *     "When to get help" bar;
 *   - a small bar with an "Open the full guide" link (new tab) is added;
 *   - links to other websites open in a new tab (a framed page must not be
 *     replaced by a site that may refuse to be framed);
 *   - with `?embed` in a normal tab, links within the guide keep `?embed`.
 *     (Inside a frame they need not: the frame alone switches the view on, and
 *     a link opened in a new tab then shows the full guide.)
 *   - inside a frame, the page tells its parent its content height, and only
 *     that: {type: "gib:height", height: <whole px>, path: location.pathname}.
 *     The parent's embed.js checks who sent it before using it.
 *
 * This file only decides and sets the class, so normal visits stay light; the
 * rest (the bar, links, height reports) is in embed-view.js, which is loaded
 * only in embed view.
 *
 * No globals, no storage, no requests to other sites. Without JavaScript
 * nothing changes.
 */
(function () {
  "use strict";

  var html = document.documentElement;
  var MESSAGE_TYPE = "gib:height";

  /* Inside a frame? Comparing window objects never throws, even across
     origins, but be careful anyway: when in doubt, we are framed. */
  var framed;
  try {
    framed = window.self !== window.top;
  } catch (error) {
    framed = true;
  }

  function embedParam(search) {
    var params = new URLSearchParams(search);
    if (!params.has("embed")) return false;
    var value = params.get("embed").toLowerCase();
    return value !== "0" && value !== "false" && value !== "no";
  }

  var asked = embedParam(location.search);
  if (!framed && !asked) return;

  html.classList.add("gib-embed");

  /* The rest of the embed view, from the same folder as this file. */
  var self = document.currentScript;
  var view = document.createElement("script");
  view.src = new URL("embed-view.js", self && self.src ? self.src : location.href).href;
  document.head.appendChild(view);
})();
