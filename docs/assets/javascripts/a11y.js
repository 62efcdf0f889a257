/* Keyboard and screen-reader fixes for Material's own markup that need the
   page to run. Without JavaScript the menu is plain links and search is
   hidden (Material), so nothing here is needed then.

   1. The search dialog gets an accessible name (axe rule aria-dialog-name).
   2. The header's menu and search icons are <label>s for hidden checkboxes,
      which a keyboard cannot reach. Each gets a real button inside: Tab
      reaches it, Enter and Space press it, and it says whether its panel
      is open (aria-expanded).
   3. Closed panels are out of the tab order (issue 13, item 3): the drawer
      menu (below 76.25em) is `inert` while closed; extra.css hides the
      collapsed search with `visibility: hidden`. Focus moves into a panel
      when it opens, and back to its button when it closes, so it is never
      left on something hidden. Tabbing out of the open drawer closes it;
      so does Escape.

   The names it gives follow the page's language (<html lang>): English or
   Spanish (WORDS below); any other language gets the English ones. */
(function () {
  "use strict";

  var WORDS = {
    en: { dialog: "Search this guide", menu: "Menu", search: "Search" },
    es: { dialog: "Buscar en esta guía", menu: "Menú", search: "Buscar" }
  };
  var lang = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
  var words = WORDS[lang] || WORDS.en;

  var dialog = document.querySelector(".md-search[role='dialog']");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", words.dialog);
  }

  var drawerQuery = window.matchMedia("(max-width: 76.234375em)");
  var searchQuery = window.matchMedia("(max-width: 59.984375em)");

  /* A real <button> inside a header <label for=id>, pressing its checkbox.
     (A click on a button inside a label does not also press the label.) */
  function asButton(id, name) {
    var input = document.getElementById(id);
    var label = document.querySelector(".md-header label.md-header__button[for='" + id + "']");
    if (!input || !label) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "gib-header-toggle";
    button.setAttribute("aria-label", name);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button);
    function sync() {
      button.setAttribute("aria-expanded", input.checked ? "true" : "false");
    }
    button.addEventListener("click", function () {
      input.click();
    });
    input.addEventListener("change", sync);
    sync();
    return { input: input, button: button, sync: sync };
  }

  /* Focus the first thing a keyboard can reach inside `box`, once shown. */
  function focusInside(box) {
    var first = box.querySelector("a[href], button, input:not([type=hidden]):not(.md-toggle), [tabindex='0']");
    if (first) {
      requestAnimationFrame(function () { first.focus(); });
    }
  }

  function closeDrawer(drawer, returnFocus) {
    if (!drawer.input.checked) return;
    drawer.input.checked = false;
    drawer.input.dispatchEvent(new Event("change"));
    if (returnFocus) drawer.button.focus();
  }

  var drawer = asButton("__drawer", words.menu);
  var setInert = function () {};
  var sidebar = document.querySelector(".md-sidebar--primary");
  if (drawer && sidebar) {
    setInert = function () {
      var closed = drawerQuery.matches && !drawer.input.checked;
      if (closed) sidebar.setAttribute("inert", "");
      else sidebar.removeAttribute("inert");
    };
    setInert();
    if (drawerQuery.addEventListener) drawerQuery.addEventListener("change", setInert);
    /* Material closes the drawer itself after a link in it is followed,
       without a change event; the drawer's slide-out ends with this one. */
    sidebar.addEventListener("transitionend", setInert);
    drawer.input.addEventListener("change", function () {
      setInert();
      if (drawer.input.checked && drawerQuery.matches) focusInside(sidebar);
    });
    /* Keyboard focus leaving the open drawer closes it. */
    sidebar.addEventListener("focusout", function (event) {
      if (!drawerQuery.matches || !drawer.input.checked) return;
      var next = event.relatedTarget;
      if (next && !sidebar.contains(next) && next !== drawer.button) closeDrawer(drawer, false);
    });
    /* A sub-menu opened in the drawer slides over its parent: focus goes in. */
    sidebar.addEventListener("change", function (event) {
      var toggle = event.target;
      if (!drawerQuery.matches || !toggle.classList.contains("md-nav__toggle")) return;
      var panel = toggle.parentNode.querySelector(":scope > .md-nav");
      if (toggle.checked && panel) focusInside(panel);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.input.checked && drawerQuery.matches) {
        closeDrawer(drawer, true);
      }
    });
  }

  var search = asButton("__search", words.search);
  if (search) {
    search.input.addEventListener("change", function () {
      /* Search opened from the button: focus goes to the search box. When
         it closes on a phone, the box hides: focus goes back to the button. */
      if (search.input.checked) {
        /* Only when the reader is at the search button (or nowhere): Material
           also opens search late, once its index has loaded after the reader
           tabbed past the box, and focus must not jump back to it then. */
        var box = document.querySelector(".md-search__input");
        if (box) {
          requestAnimationFrame(function () {
            var now = document.activeElement;
            if (!now || now === document.body || now === search.button) box.focus();
          });
        }
        return;
      }
      if (!search.input.checked && searchQuery.matches) {
        var active = document.activeElement;
        if (!active || active === document.body || active.closest(".md-search")) {
          search.button.focus();
        }
      }
    });
  }
  /* Material also opens and closes the panels without a change event ("/",
     Escape, a click on the overlay): keep aria-expanded true to them. */
  ["keyup", "click", "focusin"].forEach(function (type) {
    document.addEventListener(type, function () {
      if (drawer) {
        drawer.sync();
        setInert();
      }
      if (search) search.sync();
    });
  });
})();
