/* Search in the reader's own words.

   Material's search (lunr) is good at the guide's own words, but patients type
   "cortisone shot", "can i drive" or "steriod". This file rewrites what the
   reader typed into a lunr query just before it goes to Material's search
   worker (lazy-search.js hands it over). The box still shows what the reader
   typed, and nothing is added to any page: no hidden text, no keywords.

   1. Everyday words also look for the guide's words (SAME below): "cortisone"
      finds "steroid", "back passage" finds "rectum".
   2. Common words ("can", "i", "in", "who") are left out when the query has
      other words, so "can i drive" looks for "drive". A query made only of
      common words ("who should not have it") looks for them as whole words;
      the index keeps them (mkdocs.yml: the search pipeline has no
      stopWordFilter).
   3. A whole word counts 10 times as much as the start of a longer word, and
      words of 1 or 2 letters only match whole words: "in" never finds
      "insurance". The start of a word still matches, for a word half typed.
   4. Words of 5 or more letters also match with one slip ("steriod",
      "coccix"), words of 7 or more with two ("sedaton"), at a low weight.

   Material's own search syntax (+word, -word, word~1, word^2, "words") is
   passed on unchanged. To add a word, add a line to SAME: the reader's word
   (as typed, lower case) and the words the guide uses for it. */
(function () {
  "use strict";

  // lunr's English stop words, plus contractions typed without the apostrophe.
  var COMMON = (
    "a able about across after all almost also am among an and any are as at be " +
    "because been but by can cannot could dear did do does either else ever every " +
    "for from get got had has have he her hers him his how however i if in into is " +
    "it its just least let like likely may me might most must my neither no nor " +
    "not of off often on only or other our own rather said say says she should " +
    "since so some than that the their them then there these they this tis to too " +
    "twas us wants was we were what when where which while who whom why will with " +
    "would yet you your " +
    "im ive id ill dont doesnt didnt cant couldnt wont wouldnt shouldnt isnt arent " +
    "wasnt havent hasnt whats hows whos theyll youre please same go goes going " +
    "need want know tell really ok okay thing things still mean means meaning"
  ).split(" ");

  // The reader's word -> words the guide uses for it. A phrase (2 or more
  // words) is searched only as the words given for it, so "back passage"
  // looks for "passage" and "rectum", not for "back" ("back to work").
  var SAME = {
    // medicines and the procedure
    "cortisone": "steroid", "corticosteroid": "steroid", "corticosteroids": "steroid",
    "steroids": "steroid", "shot": "injection", "jab": "injection",
    "anaesthetic": "anesthetic", "anaesthesia": "anesthesia", "numbing": "numbing anesthetic",
    "local anaesthetic": "numbing medicine anesthetic", "local anesthetic": "numbing medicine anesthetic",
    "put to sleep": "sedation asleep", "put me to sleep": "sedation asleep",
    "knocked out": "sedation asleep", "general anaesthetic": "asleep general anesthesia",
    "xray": "x ray", "dye": "dye contrast",
    "medication": "medicines", "medications": "medicines", "meds": "medicines",
    "tablets": "medicines", "pills": "medicines",
    "normal medication": "usual medicines", "normal medicine": "usual medicines",
    "normal medicines": "usual medicines", "regular medication": "usual medicines",
    // the body
    "poo": "poo bowel", "poop": "poo bowel", "stool": "poo bowel", "stools": "poo bowel",
    "faeces": "poo bowel", "feces": "poo bowel",
    "pee": "pee urine bladder", "wee": "pee urine bladder", "urine": "urine bladder",
    "urinate": "pee urine bladder", "bum": "tailbone anus", "butt": "tailbone anus",
    "buttocks": "tailbone anus", "backside": "tailbone anus", "arse": "anus rectum",
    "back passage": "passage rectum", "rectal": "rectum", "coccyx": "tailbone",
    // life before and after
    "breastfeeding": "breast feeding", "breastfeed": "breast feeding",
    "breast feed": "breast feeding", "nursing": "breast feeding",
    "pregnancy": "pregnant", "expecting": "pregnant",
    "contraindications": "who should not have", "contraindication": "who should not have",
    "contraindicated": "who should not have",
    "fasting": "eat drink", "fast": "eat drink", "nil by mouth": "eat drink",
    "starve": "eat drink", "food": "eat",
    "cost": "cost insurance", "costs": "cost insurance", "price": "cost insurance",
    "pay": "cost insurance", "fee": "cost insurance", "afford": "cost insurance",
    "painful": "hurt", "hurts": "hurt",
    "gym": "exercise", "workout": "exercise", "sport": "exercise", "sports": "exercise",
    "running": "exercise", "intercourse": "sex",
    "fly": "travel flying", "flying": "travel flying", "flight": "travel flying",
    "plane": "travel flying", "holiday": "travel", "trip": "travel", "abroad": "travel",
    "bathing": "bath", "soak": "bath", "jacuzzi": "hot tub", "swim": "swim swimming",
    "car": "drive", "drive": "drive driving",
    "unwell": "unwell fever", "flu": "flu fever", "cold": "cold fever",
    "off work": "work", "sick note": "work", "job": "work", "again": "again repeated",
    "start working": "start help", "kick in": "start help", "take effect": "start help",
    "call": "call help", "emergency": "emergency help",
    // this guide
    "mean": "glossary", "means": "glossary", "meaning": "glossary", "define": "glossary",
    "wrote": "written", "write": "written", "author": "written", "authors": "written"
  };

  var SYNTAX = /["+^~*:]|(^|\s)-/;
  var WORD_GAP = /[^a-z0-9\u00c0-\u024f]+/;

  // Weights: a whole word 100, a synonym 80, the start of a word 10, a slip 1.
  var WHOLE = 100, SYNONYM = 80, START = 10, SLIP = 1;

  function words(text) {
    return text.toLowerCase().replace(/['\u2019]/g, "").split(WORD_GAP)
      .filter(function (word) { return word; });
  }

  function isCommon(word) {
    return COMMON.indexOf(word) >= 0;
  }

  // The lunr clauses for one word the reader typed: the whole word (lunr
  // reduces it to its stem, so "injections" finds "injection"), the start of a
  // longer word for words of 3 letters or more, and small slips.
  function typedClauses(word) {
    var out = [word + "^" + WHOLE];
    if (word.length >= 3) out.push(word + "*^" + START);
    if (word.length >= 7) out.push(word + "~2^" + SLIP);
    else if (word.length >= 5) out.push(word + "~1^" + SLIP);
    return out;
  }

  function rewrite(query) {
    if (typeof query !== "string" || !query.trim() || SYNTAX.test(query)) return query;
    var said = words(query);
    if (said.every(isCommon)) {
      // Only common words: look for exactly these words.
      return said.map(function (word) { return word + "^" + WHOLE; }).join(" ");
    }
    var out = [], seen = {};
    function add(terms) {
      terms.forEach(function (term) {
        if (!seen[term]) { seen[term] = true; out.push(term); }
      });
    }
    // The guide's words for the reader's words and phrases.
    var text = " " + said.join(" ") + " ";
    var inPhrase = {};
    Object.keys(SAME).forEach(function (key) {
      if (text.indexOf(" " + key + " ") < 0) return;
      words(key).forEach(function (word) { if (key.indexOf(" ") > 0) inPhrase[word] = true; });
      words(SAME[key]).forEach(function (word) { add([word + "^" + SYNONYM]); });
    });
    said.forEach(function (word) {
      if (!isCommon(word) && !inPhrase[word]) add(typedClauses(word));
    });
    return out.join(" ");
  }

  // Material lists, under each result, the query words it did not find
  // there ("Missing: ..."), and passes the words it found to the page it
  // opens, to highlight them. It compares what was typed with the stems in
  // the index ("tailbone" with "tailbon"), so after the rewrite it would
  // call found words missing. Instead, a result's words are the ones the
  // search marked in it: those are the words the reader will see highlighted.
  function found(result) {
    (result && result.items || []).forEach(function (group) {
      group.forEach(function (item) {
        var terms = {};
        String(item.title || "").concat(" ", item.text || "")
          .replace(/<mark>([^<]*)<\/mark>/g, function (_, word) {
            terms[word.toLowerCase()] = true;
          });
        item.terms = terms;
      });
    });
    return result;
  }

  window.gibSearchWords = { rewrite: rewrite, found: found, SAME: SAME, COMMON: COMMON };
})();
