/* Printing, on every page. Plain JavaScript, no inline handlers.
 *
 * 1. The "Print this page" button on the checklist page (docs/print.md)
 *    ships with the `hidden` attribute, so readers without JavaScript never
 *    see a button that cannot work; here it is shown and wired to print.
 * 2. While printing, collapsible blocks (<details>, such as "Describe this
 *    picture") are open, and closed again afterwards. Material does this for
 *    the blocks it set up when the page loaded; this covers every block.
 *    Without JavaScript, the print part of extra.css opens them where the browser allows.
 * 3. While printing, a link whose text is already its address is marked, so
 *    that the print part of extra.css does not print the address a second time after it.
 */
(function () {
  "use strict";

  var button = document.getElementById("gib-print-button");
  if (button && typeof window.print === "function") {
    button.addEventListener("click", function () {
      window.print();
    });
    button.hidden = false;
  }

  var opened = [];
  var marked = [];

  function bare(url) {
    return url.trim().replace(/\/$/, "");
  }

  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < closed.length; i += 1) {
      closed[i].open = true;
      opened.push(closed[i]);
    }
    var links = document.querySelectorAll('a[href^="http://"], a[href^="https://"]');
    for (var j = 0; j < links.length; j += 1) {
      var text = bare(links[j].textContent);
      if (text === bare(links[j].getAttribute("href")) || text === bare(links[j].href)) {
        links[j].setAttribute("data-gib-print-url", "shown");
        marked.push(links[j]);
      }
    }
  });

  window.addEventListener("afterprint", function () {
    for (var i = 0; i < opened.length; i += 1) {
      opened[i].open = false;
    }
    for (var j = 0; j < marked.length; j += 1) {
      marked[j].removeAttribute("data-gib-print-url");
    }
    opened = [];
    marked = [];
  });
})();
