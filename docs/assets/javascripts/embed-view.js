/* The embed view's behaviour, loaded by embedded.js only when the page is
 * in embed view (inside a frame, or with ?embed): see embedded.js for what
 * the embed view is and docs/for-clinics/embed.md for how clinics use it.
 *
 * The bar's words follow the page's language (<html lang>; WORDS below). The
 * bar also carries the language switcher (the header's, which the embed view
 * hides), so a reader can change language without leaving the frame. */
(function () {
  "use strict";

  var html = document.documentElement;
  if (!html.classList.contains("gib-embed")) return;
  var MESSAGE_TYPE = "gib:height";

  var WORDS = {
    en: { bar: "Full guide", open: "Open the full guide", newTab: " (opens in a new tab)" },
    es: { bar: "Guía completa", open: "Abrir la guía completa", newTab: " (se abre en una pestaña nueva)" }
  };
  var lang = (html.lang || "en").toLowerCase().split("-")[0];
  var words = WORDS[lang] || WORDS.en;
  var framed;
  try {
    framed = window.self !== window.top;
  } catch (error) {
    framed = true;
  }

  /* The site's root (this file lives at assets/javascripts/embed-view.js),
     to tell links within the guide from links to anything else. The Spanish
     edition is built into es/ with its own copy of this file: its root is the
     folder above, so that a link to the English pages (the language switcher)
     stays within the guide, and in the frame. */
  var script = document.currentScript;
  var root = new URL("../../", script && script.src ? script.src : location.href);
  if (lang !== "en" && root.pathname.slice(-(lang.length + 2)) === "/" + lang + "/") {
    root = new URL("../", root);
  }

  function isGuideLink(url) {
    return url.origin === location.origin && url.pathname.indexOf(root.pathname) === 0;
  }

  /* This page's address without the embed switch: the "full guide". */
  function fullGuideUrl() {
    var url = new URL(location.href);
    var params = new URLSearchParams(url.search);
    params.delete("embed");
    var search = params.toString();
    url.search = search ? "?" + search : "";
    return url.href;
  }

  /* Add `?embed` to a link within the guide (keeping any other query and the
     #section). Links to this same page (table of contents, footnotes) are left
     alone: they only scroll. */
  /* A link's target as a URL, or null when it is not a web (http/https) link. */
  function webTarget(link) {
    var url;
    try {
      url = new URL(link.href, location.href);
    } catch (error) {
      return null;
    }
    return /^https?:$/.test(url.protocol) ? url : null;
  }

  function keepEmbed(link) {
    var url = webTarget(link);
    if (!url || !isGuideLink(url)) return;
    if (url.searchParams.has("embed")) return;  /* already says, either way */
    if (url.pathname === location.pathname && url.search === location.search) return;
    url.search = url.search ? url.search + "&embed" : "?embed";
    link.setAttribute("href", url.href);
  }

  /* Links to other websites (and to other sites on this same host) open in a
     new tab. tel:, mailto: and #section links are left alone. */
  function openElsewhere(link) {
    var url = webTarget(link);
    if (!url || isGuideLink(url)) return;
    link.target = "_blank";
    var rel = (link.getAttribute("rel") || "").split(/\s+/).filter(Boolean);
    ["noopener", "noreferrer"].forEach(function (word) {
      if (rel.indexOf(word) < 0) rel.push(word);
    });
    link.setAttribute("rel", rel.join(" "));
  }

  function fixLink(link) {
    if (!link || !link.hasAttribute("href") || link.hasAttribute("data-gib-full-guide")) return;
    openElsewhere(link);
    /* Outside a frame the view is on only because the address asked for it,
       so links must carry ?embed; inside a frame the frame alone does. */
    if (!framed) keepEmbed(link);
  }

  /* The bar at the top: where the content comes from, and the way out. */
  function addBar() {
    if (document.querySelector(".gib-embed-bar")) return;
    var bar = document.createElement("aside");
    bar.className = "gib-embed-bar md-typeset";
    bar.setAttribute("aria-label", words.bar);
    var inner = document.createElement("p");
    inner.className = "gib-embed-bar__inner md-grid";

    var name = document.querySelector(".md-header__title .md-header__topic .md-ellipsis");
    if (name && name.textContent.trim()) {
      var source = document.createElement("span");
      source.className = "gib-embed-bar__source";
      source.textContent = name.textContent.trim();
      inner.appendChild(source);
    }

    var link = document.createElement("a");
    link.className = "gib-embed-bar__link";
    link.href = fullGuideUrl();
    link.target = "_blank";
    link.rel = "noopener";
    link.setAttribute("data-gib-full-guide", "");
    link.appendChild(document.createTextNode(words.open));
    var note = document.createElement("span");
    note.className = "gib-visually-hidden";
    note.textContent = words.newTab;
    link.appendChild(note);

    /* After it, the language switcher's links (overrides/partials/alternate.html):
       this page in the other language, opened in place, in embed view (fixLink
       below adds ?embed outside a frame). The way out stays the first stop. */
    var languages = document.querySelectorAll(".md-header .gib-language__link[href]");
    var others = document.createElement("span");
    others.className = "gib-embed-bar__languages";
    for (var i = 0; i < languages.length; i += 1) {
      var other = languages[i].cloneNode(true);
      other.className = "gib-embed-bar__language";
      others.appendChild(other);
    }
    inner.appendChild(link);
    if (others.firstChild) inner.appendChild(others);
    bar.appendChild(inner);

    /* After the "When to get help" bar, before the content. */
    var announce = document.querySelector("[data-md-component=announce]");
    var container = document.querySelector(".md-container");
    if (announce && announce.parentNode) {
      announce.parentNode.insertBefore(bar, announce.nextSibling);
    } else if (container && container.parentNode) {
      container.parentNode.insertBefore(bar, container);
    } else {
      document.body.insertBefore(bar, document.body.firstChild);
    }
  }

  /* ---- Height reporting (only inside a frame) ---------------------------- */

  var lastHeight = -1;
  var pending = false;

  function contentHeight() {
    /* the embed part of extra.css lets <html> and <body> take the height of their content (not
       of the frame), so this shrinks as well as grows. */
    return Math.ceil(html.getBoundingClientRect().height);
  }

  function report(force) {
    pending = false;
    var height = contentHeight();
    if (!force && height === lastHeight) return;
    lastHeight = height;
    /* "*": the clinic's origin is not known here. The message carries
       nothing but a height and this page's path. */
    window.parent.postMessage(
      { type: MESSAGE_TYPE, height: height, path: location.pathname }, "*"
    );
  }

  function scheduleReport() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      report(false);
    });
  }

  function startReporting() {
    if (!framed || !document.body) return;
    report(true);
    if (typeof ResizeObserver === "function") {
      var observer = new ResizeObserver(scheduleReport);
      observer.observe(html);
      observer.observe(document.body);
    }
    /* Older browsers, and changes a ResizeObserver on <html> may miss. */
    window.addEventListener("resize", scheduleReport);
    window.addEventListener("load", function () {
      report(true);
    });
    /* Back to a page kept in the browser's memory: tell the height again. */
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) report(true);
    });
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(scheduleReport);
    }
  }

  /* ---- Start ------------------------------------------------------------- */

  function start() {
    addBar();
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), fixLink);
    startReporting();
  }

  /* Links added later (search results, tooltips) are fixed as they are used. */
  function onActivate(event) {
    var target = event.target;
    if (target && target.closest) fixLink(target.closest("a[href]"));
  }
  document.addEventListener("click", onActivate, true);
  document.addEventListener("auxclick", onActivate, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
