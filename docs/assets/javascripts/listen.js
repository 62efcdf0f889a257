/* "Listen to this page": the article read aloud by the browser's own speech
 * synthesis (window.speechSynthesis). Plain JavaScript, no inline handlers,
 * no globals, no storage, no requests.
 *
 * Privacy: only voices that run on the device (SpeechSynthesisVoice
 * .localService === true) are ever used, and each utterance is given that
 * voice explicitly, so the text never leaves the browser. A remote voice is
 * never chosen, not even as a fallback.
 *
 * Language: the voice must speak the page's language (<html lang>): an exact
 * match ("en-GB") first, then the same language ("en" matches "en-US" and
 * Android's "en_US"). The button's words follow the same language (English
 * and Spanish here; others fall back to English).
 *
 * When the controls show: only when the browser has speech synthesis AND a
 * local voice for the page's language. Voices may arrive late (Chromium fills
 * getVoices() after a "voiceschanged" event), so the choice is made again on
 * every "voiceschanged". With JavaScript off nothing is added at all.
 *
 * No voice for a page that is not in English: when the device offers voices
 * but none of its own in the page's language, a short note after the title
 * says so, in that language (Spanish: "Este aparato no tiene una voz en
 * español ..."). Nearly every device that speaks has an English voice, few
 * have every other; a reader who met "Listen" on the English pages would
 * otherwise not know why it is missing. An English page stays silent, as
 * does any page while the device lists no voices at all.
 *
 * What is read: the article's headings and text in order, one sentence per
 * utterance (Chromium cuts off long utterances). Left out: citation markers
 * and links to References (and the "Sources for this page" section), the "¶"
 * section links, tooltips and abbreviation titles (only the word itself is
 * read), buttons, code samples, pictures, scripts and anything hidden
 * (hidden, aria-hidden, inert, display: none, visibility: hidden). A drawing
 * made of text (role="img", like the pain scale) is read by its label.
 *
 * Pause stops the speech and remembers the sentence; Resume starts that
 * sentence again. (speechSynthesis.pause() acts as stop on Chrome for
 * Android, and long pauses can stall it on desktop; this works everywhere.)
 *
 * The controls are real <button>s after the page's title; the state
 * ("Reading aloud", "Paused", "Stopped", "Finished reading") is shown and
 * announced through a polite live region (role="status"). The sentence being
 * read is highlighted. CSS: the "Listen to this page" block of extra.css.
 */
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  if (!synth || typeof synth.speak !== "function" || typeof Utterance !== "function") return;

  var article = document.querySelector("article.md-content__inner") ||
    document.querySelector("article");
  if (!article) return;

  /* ---- Language and words --------------------------------------------- */

  function normalTag(tag) {
    return String(tag || "").trim().toLowerCase().replace(/_/g, "-");
  }

  var pageLang = normalTag(document.documentElement.getAttribute("lang")) || "en";
  var baseLang = pageLang.split("-")[0];

  var WORDS = {
    en: {
      group: "Listen to this page",
      listen: "Listen",
      pause: "Pause",
      resume: "Resume",
      stop: "Stop",
      reading: "Reading aloud",
      paused: "Paused",
      stopped: "Stopped",
      finished: "Finished reading"
      /* no noVoice: an English page says nothing when there is no voice */
    },
    es: {
      group: "Escuchar esta página",
      listen: "Escuchar",
      pause: "Pausar",
      resume: "Reanudar",
      stop: "Detener",
      reading: "Leyendo en voz alta",
      paused: "En pausa",
      stopped: "Detenido",
      finished: "Lectura terminada",
      noVoice: "Este aparato no tiene una voz en español. Por eso la guía no puede leerle esta página en voz alta."
    }
  };
  var words = WORDS[baseLang] || WORDS.en;
  var sayNoVoice = Boolean(WORDS[baseLang] && WORDS[baseLang].noVoice);

  /* ---- The voice: on the device, in the page's language ---------------- */

  function pickVoice(voices) {
    var exact = [];
    var same = [];
    for (var i = 0; i < voices.length; i += 1) {
      var voice = voices[i];
      if (!voice || voice.localService !== true) continue;  /* never a remote voice */
      var tag = normalTag(voice.lang);
      if (tag === pageLang) exact.push(voice);
      else if (tag.split("-")[0] === baseLang) same.push(voice);
    }
    var pool = exact.length ? exact : same;
    for (var j = 0; j < pool.length; j += 1) {
      if (pool[j]["default"]) return pool[j];
    }
    return pool[0] || null;
  }

  /* ---- What to read ---------------------------------------------------- */

  /* Never read: our own controls, citations and the sources list, section
     links, tooltips, controls, code and non-text content, hidden things. */
  var SKIP = [
    ".gib-listen", ".gib-listen-none", ".gib-print-button",
    "sup", ".gib-cite", ".gib-cite-back", ".gib-sources",
    "a[href*='references/#']", "a[href*='references.html#']", "a[href^='#source-']",
    ".headerlink", ".md-tooltip", ".md-tooltip2", "[role='tooltip']",
    ".md-annotation", ".md-clipboard", ".md-content__button", ".md-source-file",
    "script", "style", "noscript", "template", "button", "input", "select",
    "textarea", "svg", "img", "picture", "video", "audio", "canvas", "iframe",
    "object", "pre",
    "[hidden]", "[aria-hidden='true']", "[inert]"
  ].join(",");

  /* Elements that start a new stretch of text (inline ones do not). */
  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|CAPTION|DD|DETAILS|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|SECTION|SUMMARY|TABLE|TBODY|TD|TFOOT|TH|THEAD|TR|UL)$/;

  /* A citation left out leaves this mark, so that its brackets and
     separators can be tidied away: "(Harbin; CUH)." becomes ".". */
  var CITED = "\u0001";

  /* "skip", "block" (starts a new stretch of text) or "inline". */
  function kind(element) {
    if (element.matches(SKIP)) return "skip";
    var style = window.getComputedStyle(element);
    var display = style.display;
    if (display === "none" || style.visibility === "hidden") return "skip";
    if (BLOCK.test(element.tagName)) return "block";
    /* A span laid out as a block (e.g. in a flex row) is read as one. */
    return display.indexOf("inline") === 0 || display === "contents" ? "inline" : "block";
  }

  function isCitation(element) {
    return element.matches("sup, .gib-cite, a[href*='references/#'], a[href*='references.html#']");
  }

  /* A heading that starts the "Sources for this page" section. */
  function startsSources(element) {
    return /^H[1-6]$/.test(element.tagName) &&
      (element.classList.contains("gib-sources") || element.id === "sources-for-this-page");
  }

  function tidy(text) {
    var cited = text.indexOf(CITED) >= 0;
    var clean = text
      .replace(/[\u00b6\u200b\u00ad]/g, "")
      .replace(/\s+/g, " ")
      /* a group of left-out citations, with its brackets and separators */
      .replace(/(?:[(\[]\s*)?\u0001(?:\s*[;,]?\s*(?:(?:and|y)\s+)?\u0001)*(?:\s*[)\]])?/g, "")
      .replace(/\(\s*[;,]?\s*\)|\[\s*[;,]?\s*\]/g, "")
      .replace(/\s+([.,;:!?])/g, "$1")
      .replace(/([.,;:!?])[;,]+/g, "$1")
      .replace(/\s+/g, " ")
      .trim();
    /* "Sources for this drawing: (links)" has nothing left to say. */
    if (cited && /:[\s.;,]*$/.test(clean)) return "";
    /* Only punctuation left. */
    if (!/[0-9A-Za-z\u00c0-\uffff]/.test(clean)) return "";
    return clean;
  }

  /* The article as blocks of text in reading order: [{element, text}]. */
  function collectBlocks(root) {
    var blocks = [];
    var parts = [];
    var owners = [root];
    var inSources = false;

    function flush() {
      var text = tidy(parts.join(""));
      parts = [];
      if (text) blocks.push({ element: owners[owners.length - 1], text: text });
    }

    function walk(node) {
      if (node.nodeType === 3) {
        if (!inSources) parts.push(node.nodeValue);
        return;
      }
      if (node.nodeType !== 1) return;
      /* The sources list runs from its heading to the next heading, or to
         the "Last reviewed" line. */
      if (startsSources(node)) {
        flush();
        inSources = true;
        return;
      }
      if (/^H[1-6]$/.test(node.tagName) || node.classList.contains("gib-review")) {
        inSources = false;
      }
      if (inSources) return;
      var how = kind(node);
      if (how === "skip") {
        if (isCitation(node)) parts.push(CITED);
        return;
      }
      if (node.tagName === "BR") {
        parts.push(" ");
        return;
      }
      /* A drawing made of text (role="img"): its label, not its pieces. */
      if (node.getAttribute("role") === "img") {
        flush();
        var label = node.getAttribute("aria-label");
        if (label) {
          owners.push(node);
          parts.push(label);
          flush();
          owners.pop();
        }
        return;
      }
      var block = how === "block";
      if (block) {
        flush();
        owners.push(node);
      }
      for (var child = node.firstChild; child; child = child.nextSibling) walk(child);
      if (block) {
        flush();
        owners.pop();
      }
    }

    walk(root);
    flush();
    return blocks;
  }

  var MAX_CHARS = 200;  /* Chromium stops long utterances after ~15 s */

  function sentences(text) {
    var found = [];
    if (window.Intl && typeof Intl.Segmenter === "function") {
      try {
        var segmenter = new Intl.Segmenter(pageLang, { granularity: "sentence" });
        var iterator = segmenter.segment(text)[Symbol.iterator]();
        for (var step = iterator.next(); !step.done; step = iterator.next()) {
          found.push(step.value.segment);
        }
      } catch (error) {
        found = [];
      }
    }
    if (!found.length) {
      /* End of sentence: . ! or ? (and a closing quote or bracket) then a space. */
      found = text.replace(/([.!?]["'\u201d\u2019)\]]*)\s+/g, "$1\u0002").split("\u0002");
    }
    var pieces = [];
    for (var i = 0; i < found.length; i += 1) {
      var sentence = found[i].trim();
      while (sentence.length > MAX_CHARS) {
        /* Too long for one utterance: cut at the last comma, semicolon or
           colon before the limit, else at the last space. */
        var head = sentence.slice(0, MAX_CHARS);
        var cut = Math.max(head.lastIndexOf(", "), head.lastIndexOf("; "), head.lastIndexOf(": "));
        cut = cut > MAX_CHARS / 3 ? cut + 1 : head.lastIndexOf(" ");
        if (cut <= 0) cut = MAX_CHARS;
        pieces.push(sentence.slice(0, cut).trim());
        sentence = sentence.slice(cut).trim();
      }
      if (sentence) pieces.push(sentence);
    }
    return pieces;
  }

  /* What is spoken, one utterance each: [{element, text}]. */
  function chunks() {
    var blocks = collectBlocks(article);
    var list = [];
    for (var i = 0; i < blocks.length; i += 1) {
      var parts = sentences(blocks[i].text);
      for (var j = 0; j < parts.length; j += 1) {
        list.push({ element: blocks[i].element, text: parts[j] });
      }
    }
    return list;
  }

  /* ---- The controls ----------------------------------------------------- */

  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = {  /* Material Design Icons, as Material for MkDocs ships them */
    listen: "M14 3.23v2.06c2.89.86 5 3.54 5 6.71s-2.11 5.84-5 6.7v2.07c4-.91 7-4.49 7-8.77s-3-7.86-7-8.77M16.5 12c0-1.77-1-3.29-2.5-4.03V16c1.5-.71 2.5-2.24 2.5-4M3 9v6h4l5 5V4L7 9z",
    pause: "M14 19h4V5h-4M6 19h4V5H6z",
    resume: "M8 5.14v14l11-7z",
    stop: "M18 18H6V6h12z"
  };

  function icon(name) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "gib-listen__icon");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  function setButton(button, name) {
    while (button.firstChild) button.removeChild(button.firstChild);
    button.appendChild(icon(name));
    var label = document.createElement("span");
    label.textContent = words[name];
    button.appendChild(label);
  }

  var box = null;
  var playButton = null;
  var stopButton = null;
  var status = null;

  function build() {
    box = document.createElement("div");
    box.className = "gib-listen";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", words.group);

    playButton = document.createElement("button");
    playButton.type = "button";
    playButton.className = "md-button gib-listen__button gib-listen__play";
    setButton(playButton, "listen");

    stopButton = document.createElement("button");
    stopButton.type = "button";
    stopButton.className = "md-button gib-listen__button gib-listen__stop";
    setButton(stopButton, "stop");
    stopButton.hidden = true;

    status = document.createElement("span");
    status.className = "gib-listen__status";
    status.setAttribute("role", "status");

    box.appendChild(playButton);
    box.appendChild(stopButton);
    box.appendChild(status);

    playButton.addEventListener("click", onPlay);
    stopButton.addEventListener("click", stop);

    placeAfterTitle(box);
  }

  /* After the page's title, else at the top of the article. */
  function placeAfterTitle(element) {
    var title = article.querySelector("h1");
    if (title && title.parentNode) {
      title.parentNode.insertBefore(element, title.nextSibling);
    } else {
      article.insertBefore(element, article.firstChild);
    }
  }

  /* "No voice in this language on this device" (see the top of this file). */
  var note = null;

  function showNote(shown) {
    if (!shown && !note) return;
    if (!note) {
      note = document.createElement("p");
      note.className = "gib-listen-none gib-no-print";
      note.textContent = words.noVoice;
      placeAfterTitle(note);
    }
    note.hidden = !shown;
  }

  /* ---- Reading ---------------------------------------------------------- */

  var voice = null;
  var state = "idle";      /* "idle", "playing" or "paused" */
  var queue = [];
  var index = 0;
  var turn = 0;            /* events of an utterance from an earlier turn are ignored */
  var current = null;      /* keeps the utterance alive until it ends (Chromium) */
  var highlighted = null;

  function announce(key) {
    if (status) status.textContent = key ? words[key] : "";
  }

  function highlight(element) {
    if (highlighted === element) return;
    if (highlighted) highlighted.classList.remove("gib-listen-current");
    highlighted = element && element !== article ? element : null;
    if (highlighted) highlighted.classList.add("gib-listen-current");
  }

  function show(name) {
    setButton(playButton, name);
    var wasFocused = document.activeElement === stopButton;
    stopButton.hidden = state === "idle";
    if (wasFocused && stopButton.hidden) playButton.focus();
  }

  function silence() {
    turn += 1;
    current = null;
    synth.cancel();
  }

  function speakCurrent() {
    if (index >= queue.length) {
      finish("finished");
      return;
    }
    var chunk = queue[index];
    var utterance = new Utterance(chunk.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    var mine = (turn += 1);
    utterance.onend = function () {
      if (mine !== turn || state !== "playing") return;
      index += 1;
      speakCurrent();
    };
    utterance.onerror = function () {
      if (mine !== turn || state !== "playing") return;
      /* Cancelled by someone else, or the voice failed: stop cleanly. */
      finish("stopped");
    };
    current = utterance;
    highlight(chunk.element);
    if (synth.paused && typeof synth.resume === "function") synth.resume();
    synth.speak(utterance);
  }

  function start() {
    queue = chunks();
    index = 0;
    if (!queue.length) return;
    silence();
    state = "playing";
    show("pause");
    announce("reading");
    speakCurrent();
  }

  function pause() {
    state = "paused";
    silence();
    show("resume");
    announce("paused");
  }

  function resume() {
    state = "playing";
    show("pause");
    announce("reading");
    speakCurrent();   /* the paused sentence again, from its start */
  }

  function finish(key) {
    state = "idle";
    silence();
    queue = [];
    index = 0;
    highlight(null);
    if (playButton) show("listen");
    announce(key);
  }

  function stop() {
    finish("stopped");
  }

  function onPlay() {
    if (!voice) return;
    if (state === "playing") pause();
    else if (state === "paused") resume();
    else start();
  }

  /* ---- Voices arrive, change or go ------------------------------------- */

  function update() {
    var voices;
    try {
      voices = synth.getVoices() || [];
    } catch (error) {
      voices = [];
    }
    var chosen = pickVoice(voices);
    showNote(!chosen && sayNoVoice && voices.length > 0);
    if (chosen === voice) return;
    if (!chosen) {
      if (state !== "idle") finish("stopped");
      voice = null;
      if (box) box.hidden = true;
      return;
    }
    if (voice && state !== "idle") finish("stopped");  /* the voice changed under us */
    voice = chosen;
    if (!box) build();
    box.hidden = false;
  }

  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", update);
  } else {
    synth.onvoiceschanged = update;
  }
  update();
  /* Some browsers fill the list late without saying so. */
  if (!voice) {
    window.setTimeout(update, 250);
    window.setTimeout(update, 1500);
  }

  /* Leaving the page (or the browser keeping it for Back): be quiet. */
  window.addEventListener("pagehide", function () {
    if (state !== "idle") finish("stopped");
  });
})();
