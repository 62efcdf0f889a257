/* The clinic's side of embedding: see docs/for-clinics/embed.md.
 *
 * A clinic pastes, anywhere in its page:
 *
 *   <div data-impar-guide="procedure/" style="min-height: 2645px"></div>
 *   <script src="https://GUIDE-ADDRESS/assets/javascripts/embed.js" async></script>
 *
 * For every element with `data-impar-guide` this script puts an <iframe> with
 * that page of the guide, in embed view, inside the element. The guide page
 * then reports its content height; this script sets the frame to that height,
 * so the frame never shows a scrollbar of its own.
 *
 * The clinic's page does not jump: the element's `min-height` (the page's
 * height on a phone, which the Embed page writes into each snippet) keeps
 * the frame's place free until this script runs; the frame starts at the
 * element's height, and the `min-height` is let go when the first real
 * height arrives, in the same step as the frame takes that height. Without
 * a `min-height` the frame starts 600 px high.
 *
 * Safety: the guide's address (origin) is taken from this script's own `src`.
 * A height message is used only when the browser itself delivered it
 * (`event.isTrusted`: a script on the host page cannot make one up with
 * dispatchEvent), from exactly that origin AND from the window of the frame
 * it sizes; it must say {type: "gib:height"} and carry a finite number, which
 * is clamped to 100..50000 px. Any other message is ignored, silently. Pages
 * outside the guide are never framed.
 *
 * Optional attribute on the element: data-impar-guide-title="…" (the frame's
 * title for screen readers; default: "Patient guide: <page>", or for a
 * Spanish page, a path starting "es/", "Guía para pacientes: <página>").
 *
 * One global, `ImparGuideEmbed`, with `scan()` for pages that add elements
 * later. Loading the script twice is harmless. No cookies, no storage, no
 * requests of its own.
 *
 * License: MIT (see LICENSE in the guide's repository): copy and adapt it
 * freely, keeping this notice. The guide's pages it shows are CC BY 4.0; the
 * embed view's "Open the full guide" link is their credit, so keep it visible.
 */
(function () {
  "use strict";

  var ATTRIBUTE = "data-impar-guide";
  var TITLE_ATTRIBUTE = "data-impar-guide-title";
  var MESSAGE_TYPE = "gib:height";
  var MIN_HEIGHT = 100;
  var MAX_HEIGHT = 50000;
  var START_HEIGHT = 600;

  /* The frame's default title, in the language of the page it shows (its
     path: "es/..." is Spanish, anything else English). Page names by path
     part; a part not listed is named by its own words. */
  var WORDS = {
    en: { guide: "Patient guide", home: "home", pages: {} },
    es: {
      guide: "Guía para pacientes",
      home: "inicio",
      pages: {
        "anatomy": "anatomía", "why": "por qué se hace", "procedure": "el procedimiento",
        "before": "antes", "during": "durante", "after": "después",
        "risks": "riesgos y efectos secundarios", "get help": "cuándo pedir ayuda",
        "print": "imprima su lista", "research": "lo que muestran los estudios",
        "faq": "preguntas frecuentes", "glossary": "glosario", "references": "referencias",
        "about": "sobre esta guía", "for clinics": "para clínicas", "embed": "insertar la guía"
      }
    }
  };

  if (window.ImparGuideEmbed && typeof window.ImparGuideEmbed.scan === "function") {
    window.ImparGuideEmbed.scan();
    return;
  }

  /* The guide's root: this file is served at <root>/assets/javascripts/embed.js. */
  function findOwnScript() {
    if (document.currentScript && document.currentScript.src) return document.currentScript;
    var scripts = document.querySelectorAll("script[src]");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/assets\/(?:javascripts\/)?embed\.js(?:[?#].*)?$/.test(scripts[i].src)) {
        return scripts[i];
      }
    }
    return null;
  }

  var script = findOwnScript();
  if (!script) return;
  var root = new URL("../../", script.src);
  var guideOrigin = root.origin;

  /* Every frame this script made: {iframe, path (last reported), titled}. */
  var frames = [];

  function pageUrl(value) {
    /* The page path as written by the clinic, e.g. "procedure/before/",
       "/get-help/" or "" (home); an optional #section is kept. */
    var text = String(value || "").trim();
    var hash = "";
    var at = text.indexOf("#");
    if (at >= 0) {
      hash = text.slice(at);
      text = text.slice(0, at);
    }
    if (/^[a-z][a-z0-9+.-]*:|^\/\/|\?|\\/i.test(text)) return null;
    text = text.replace(/^\/+/, "");
    var url;
    try {
      url = new URL(text, root);
    } catch (error) {
      return null;
    }
    /* Only pages of this guide ("../" cannot climb out of it). */
    if (url.origin !== guideOrigin || url.pathname.indexOf(root.pathname) !== 0) return null;
    url.search = "?embed";
    url.hash = hash;
    return url;
  }

  function describe(pathname) {
    var page = pathname.indexOf(root.pathname) === 0
      ? pathname.slice(root.pathname.length)
      : pathname;
    var parts = page.split("/").filter(Boolean);
    var lang = parts.length && parts[0] !== "en" && WORDS.hasOwnProperty(parts[0]) ? parts.shift() : "en";
    var words = WORDS[lang];
    var names = parts.map(function (part) {
      var name = part.replace(/\.html$/, "").replace(/[-_]+/g, " ");
      return words.pages.hasOwnProperty(name) ? words.pages[name] : name;
    });
    return words.guide + ": " + (names.length ? names.join(", ") : words.home);
  }

  function setHeight(iframe, height) {
    var px = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height)));
    iframe.setAttribute("height", String(px));
    iframe.style.height = px + "px";
  }

  function build(element) {
    var url = pageUrl(element.getAttribute(ATTRIBUTE));
    if (!url) {
      if (window.console && console.warn) {
        console.warn("Patient guide embed: not a page of the guide:", element.getAttribute(ATTRIBUTE));
      }
      return;
    }
    var iframe = document.createElement("iframe");
    var title = element.getAttribute(TITLE_ATTRIBUTE);
    var record = { iframe: iframe, element: element, path: null, titled: Boolean(title), sized: false };
    /* The place the clinic's page keeps free (its min-height), if any. */
    var reserved = element.getBoundingClientRect().height;
    iframe.title = title || describe(url.pathname);
    iframe.setAttribute("loading", "lazy");
    iframe.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    iframe.setAttribute("width", "100%");
    iframe.style.display = "block";
    iframe.style.width = "100%";
    iframe.style.border = "0";
    setHeight(iframe, reserved >= MIN_HEIGHT ? reserved : START_HEIGHT);
    iframe.src = url.href;
    frames.push(record);
    element.appendChild(iframe);
  }

  function scan() {
    var elements = document.querySelectorAll("[" + ATTRIBUTE + "]");
    for (var i = 0; i < elements.length; i++) {
      var element = elements[i];
      if (element.hasAttribute(ATTRIBUTE + "-ready")) continue;
      element.setAttribute(ATTRIBUTE + "-ready", "");
      build(element);
    }
  }

  function onMessage(event) {
    /* Only messages the browser delivered from another window: a synthetic
       event (new MessageEvent + dispatchEvent) has isTrusted === false and
       can carry any origin and source it likes. */
    if (!event.isTrusted) return;
    if (event.origin !== guideOrigin) return;
    var record = null;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe.contentWindow === event.source && event.source) {
        record = frames[i];
        break;
      }
    }
    if (!record) return;
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== MESSAGE_TYPE) return;
    if (typeof data.height !== "number" || !isFinite(data.height)) return;
    setHeight(record.iframe, data.height);
    if (!record.sized) {
      /* The frame has its real height: the element follows it from now on. */
      record.sized = true;
      record.element.style.minHeight = "0";
    }

    /* A new page inside the frame: name it, and if the reader had scrolled
       past the top of the frame, bring the top of the new page into view. */
    if (typeof data.path === "string" && data.path !== record.path) {
      var first = record.path === null;
      record.path = data.path.slice(0, 500);
      if (!record.titled) record.iframe.title = describe(record.path);
      if (!first && record.iframe.getBoundingClientRect().top < 0) {
        record.iframe.scrollIntoView({ block: "start" });
      }
    }
  }

  window.addEventListener("message", onMessage);
  window.ImparGuideEmbed = { scan: scan, origin: guideOrigin };

  scan();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  }
})();
