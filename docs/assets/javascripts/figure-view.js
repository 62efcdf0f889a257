/* A picture opens larger INSIDE the site (issue 13, item 6).

   Each figure (<figure class="gib-figure">) links its picture to the SVG file
   itself. Without JavaScript that plain link is the fallback: the browser
   shows the drawing on its own, scaled to the window. Here, a click, tap or
   Enter on the link opens a view in the page instead: a modal <dialog> with
   the caption as its title, the picture as large as the screen allows and a
   Close button. Escape, the Close button, a click outside the picture and the
   browser's Back button all close it; focus goes back to the picture's link.
   The image is the one shown in the page, so the dark version stays dark.
   The view's words follow the page's language (<html lang>; WORDS below). */
(function () {
  "use strict";

  if (typeof HTMLDialogElement !== "function") return; // keep the plain link

  var WORDS = {
    en: { close: "Close", picture: "Picture" },
    es: { close: "Cerrar", picture: "Imagen" }
  };
  var lang = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
  var words = WORDS[lang] || WORDS.en;

  var view = null;
  var title = null;
  var image = null;
  var opener = null;
  /* Closing steps back out of the history entry the view added. That step is
     asynchronous: until its popstate arrives, a new view must neither be closed
     by it nor add its own entry (which the step would then remove). */
  var stepping = false;
  var pushLater = false;

  function build() {
    view = document.createElement("dialog");
    view.className = "gib-figure-view";
    view.setAttribute("aria-labelledby", "gib-figure-view-title");

    var bar = document.createElement("div");
    bar.className = "gib-figure-view__bar";
    title = document.createElement("h2");
    title.id = "gib-figure-view-title";
    title.className = "gib-figure-view__title";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "gib-figure-view__close";
    close.textContent = words.close;
    close.addEventListener("click", function () {
      view.close();
    });
    bar.appendChild(title);
    bar.appendChild(close);

    image = document.createElement("img");
    image.className = "gib-figure-view__image";

    view.appendChild(bar);
    view.appendChild(image);
    /* A click on the dark backdrop (the dialog itself, outside its content) closes. */
    view.addEventListener("click", function (event) {
      if (event.target === view) view.close();
    });
    view.addEventListener("close", function () {
      if (history.state && history.state.gibFigureView && !stepping) {
        stepping = true;
        history.back();
      }
      pushLater = false;
      if (opener && document.contains(opener)) opener.focus();
      opener = null;
    });
    window.addEventListener("popstate", function () {
      if (stepping) {
        stepping = false;
        if (pushLater && view.open) history.pushState({ gibFigureView: true }, "", location.href);
        pushLater = false;
        return;
      }
      if (view.open) view.close();
    });
    document.body.appendChild(view);
  }

  /* The caption without the "Tap or click ..." hints. */
  function captionOf(figure) {
    var caption = figure.querySelector("figcaption");
    if (!caption) return words.picture;
    var copy = caption.cloneNode(true);
    var hints = copy.querySelectorAll(".gib-hint");
    for (var i = 0; i < hints.length; i += 1) hints[i].remove();
    return copy.textContent.replace(/\s+/g, " ").trim() || words.picture;
  }

  function open(link) {
    var figure = link.closest("figure");
    var shown = link.querySelector("img");
    if (!figure || !shown) return false;
    if (!view) build();
    title.textContent = captionOf(figure);
    image.src = shown.getAttribute("src");
    image.alt = shown.getAttribute("alt") || "";
    opener = link;
    view.showModal();
    if (stepping) pushLater = true;
    else history.pushState({ gibFigureView: true }, "", location.href);
    return true;
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest && event.target.closest("figure.gib-figure a[href$='.svg']");
    if (!link) return;
    if (open(link)) event.preventDefault();
  });
})();
