/* Tick boxes that work (issue 13, item 6).

   Checklists are plain lists in the pages (<div class="gib-checklist">).
   Without JavaScript their boxes appear only on paper, and the screen says
   so (extra.css). Here each item gets a real checkbox. The ticks are saved
   only in this browser, on this device (localStorage, one key per page), and
   nothing is sent anywhere. One button clears every tick on the page. A
   printout shows the same ticks as the screen. The note and the button
   speak the page's language (<html lang>; WORDS below). */
(function () {
  "use strict";

  var lists = document.querySelectorAll(".gib-checklist > ul");
  if (!lists.length) return;

  var WORDS = {
    en: {
      saved: "You can tick the boxes here. Your ticks are saved only in this browser, on this device. Nothing is sent anywhere.",
      unsaved: "You can tick the boxes here. This browser does not let the guide save them, so they go when you close the page.",
      clear: "Clear all ticks on this page",
      cleared: "All ticks on this page are cleared."
    },
    es: {
      saved: "Puede marcar las casillas aquí. Sus marcas se guardan solo en este navegador, en este aparato. No se envía nada.",
      unsaved: "Puede marcar las casillas aquí. Este navegador no deja que la guía las guarde. Se borran al cerrar la página.",
      clear: "Borrar todas las marcas de esta página",
      cleared: "Se borraron todas las marcas de esta página."
    }
  };
  var lang = (document.documentElement.lang || "en").toLowerCase().split("-")[0];
  var words = WORDS[lang] || WORDS.en;

  var key = "gib-ticks:" + location.pathname;
  var store = null;
  try {
    store = window.localStorage;
    store.getItem(key);
  } catch (error) {
    store = null; // storage blocked (private mode, a clinic's frame): ticks last until the page closes
  }

  function load() {
    try {
      return JSON.parse((store && store.getItem(key)) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function save(ticks) {
    if (!store) return;
    try {
      if (Object.keys(ticks).length) store.setItem(key, JSON.stringify(ticks));
      else store.removeItem(key);
    } catch (error) {
      /* full or blocked: the tick stays on screen */
    }
  }

  /* An item is known by its words, so a tick stays with its item even if
     items are added or moved in a new edition of the page. */
  function itemKey(item) {
    return item.textContent.replace(/\s+/g, " ").trim().slice(0, 120);
  }

  var ticks = load();
  var boxes = [];
  var count = 0;

  for (var i = 0; i < lists.length; i += 1) {
    lists[i].parentNode.classList.add("gib-checklist--live");
    var items = lists[i].children;
    for (var j = 0; j < items.length; j += 1) {
      var item = items[j];
      if (item.tagName !== "LI") continue;
      count += 1;
      var id = "gib-tick-" + count;
      var text = document.createElement("span");
      text.id = id + "-text";
      text.className = "gib-tick__text";
      while (item.firstChild) text.appendChild(item.firstChild);
      var box = document.createElement("input");
      box.type = "checkbox";
      box.id = id;
      box.className = "gib-tick";
      box.setAttribute("aria-labelledby", id + "-text");
      box.dataset.key = itemKey(text);
      box.checked = ticks[box.dataset.key] === true;
      item.appendChild(box);
      item.appendChild(text);
      boxes.push(box);
    }
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.classList || !box.classList.contains("gib-tick")) return;
    if (box.checked) ticks[box.dataset.key] = true;
    else delete ticks[box.dataset.key];
    save(ticks);
  });

  /* The note and the one "Clear all ticks" button, before the first list. */
  var note = document.createElement("div");
  note.className = "gib-tick-note gib-no-print";
  var said = document.createElement("p");
  said.textContent = store ? words.saved : words.unsaved;
  var clear = document.createElement("button");
  clear.type = "button";
  clear.className = "md-button gib-tick-clear";
  clear.textContent = words.clear;
  var status = document.createElement("p");
  status.className = "gib-visually-hidden";
  status.setAttribute("role", "status");
  clear.addEventListener("click", function () {
    for (var k = 0; k < boxes.length; k += 1) boxes[k].checked = false;
    ticks = {};
    save(ticks);
    status.textContent = words.cleared;
  });
  note.appendChild(said);
  note.appendChild(clear);
  note.appendChild(status);
  var first = lists[0].parentNode;
  first.parentNode.insertBefore(note, first);
})();
