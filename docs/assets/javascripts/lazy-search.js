/* Search on demand: fetch the search index and start the search worker only
   when the reader goes to the search box, not on every page load.

   Material for MkDocs loads its search worker (about 12 KiB) and the whole
   search index (about 40 KiB, gzipped) as soon as any page opens. Most
   readers never search, and on a phone that is most of a page's weight. This
   file, loaded in <head> before Material's bundle, holds both back until the
   reader focuses or opens the search box; the first search then starts at
   once. It only recognises Material's documented file names
   (search/search_index.json, assets/javascripts/workers/search.*.js); if
   those ever change, search simply loads eagerly again, as before.

   With the index it also loads search-words.js, which rewrites each query in
   the reader's words on its way to the worker (see that file and README). */
(function () {
  "use strict";

  var wanted = false;
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function whenWanted(go) {
    if (wanted) go(); else waiting.push(go);
  }

  // The index: Material requests it with XMLHttpRequest; hold the request
  // back until search is wanted.
  var INDEX = /\/search\/search_index\.json(?:$|\?)/;
  var proto = window.XMLHttpRequest && XMLHttpRequest.prototype;
  if (proto) {
    var open = proto.open, send = proto.send;
    proto.open = function (method, url) {
      this.__gibIndex = INDEX.test(String(url));
      return open.apply(this, arguments);
    };
    proto.send = function () {
      if (!this.__gibIndex) return send.apply(this, arguments);
      var request = this, args = arguments;
      whenWanted(function () { send.apply(request, args); });
    };
  }

  // Search in the reader's words: search-words.js, next to this file, loads
  // with the index and rewrites each query (Material 9.8.1's message type 2,
  // QUERY) on its way to the worker. Material sends queries only once the
  // worker has built the index, long after this small file has arrived.
  var here = document.currentScript && document.currentScript.src;
  whenWanted(function () {
    if (!here) return;
    var script = document.createElement("script");
    script.src = here.replace(/lazy-search\.js(?=$|\?)/, "search-words.js");
    document.head.appendChild(script);
  });

  function inReadersWords(message) {
    var words = window.gibSearchWords;
    if (!words || !message || message.type !== 2 || typeof message.data !== "string") {
      return message;
    }
    return { type: message.type, data: words.rewrite(message.data) };
  }

  // ... and marks, on each result (type 3, RESULT), the words found in it.
  function wordsFound(message) {
    var words = window.gibSearchWords;
    if (!words || !message || message.type !== 3 || !message.data) return message;
    return { type: message.type, data: words.found(message.data) };
  }

  // The worker: hand Material a stand-in that starts the real worker when
  // search is wanted, passing messages both ways.
  var RealWorker = window.Worker;
  if (RealWorker && window.EventTarget) {
    var LazyWorker = function (url, options) {
      if (!/\/workers\/search\.[^/]*\.js(?:$|\?)/.test(String(url))) {
        return new RealWorker(url, options);
      }
      var stand = new EventTarget();
      var queue = [];
      var worker = null;
      stand.postMessage = function (message) {
        if (worker) worker.postMessage(inReadersWords(message)); else queue.push(message);
      };
      stand.terminate = function () {
        if (worker) worker.terminate();
        queue = [];
      };
      whenWanted(function () {
        worker = new RealWorker(url, options);
        worker.addEventListener("message", function (event) {
          stand.dispatchEvent(new MessageEvent("message", { data: wordsFound(event.data) }));
        });
        worker.addEventListener("error", function (event) {
          stand.dispatchEvent(new ErrorEvent("error", { message: event.message }));
        });
        queue.splice(0).forEach(function (message) {
          worker.postMessage(inReadersWords(message));
        });
      });
      return stand;
    };
    LazyWorker.prototype = RealWorker.prototype;
    window.Worker = LazyWorker;
  }

  // What counts as going to search: focus in the box, opening the search
  // (toggle, keyboard shortcut or tap on the magnifier), or a touch on it.
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) want();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) want();
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest(".md-search, label[for='__search']")) want();
  }, true);
})();
