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

   5. Spanish pages (<html lang="es">) have their own tables (ES below) and
      find words typed without their accents: "despues" finds "después",
      "cirugia" "cirugía" (see ACCENTS below).

   Material's own search syntax (+word, -word, word~1, word^2, "words") is
   passed on unchanged. To add a word, add a line to SAME (English) or to
   ES.same (Spanish): the reader's word (as typed, lower case) and the words
   the guide uses for it. */
(function () {
  "use strict";

  // The page's language: "es" for the Spanish edition, English otherwise.
  var LANG = String(document.documentElement.lang || "en").slice(0, 2).toLowerCase();

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

  // The Spanish edition (<html lang="es">). Common words: lunr's Spanish stop
  // words and the small words of a question ("puedo", "cuándo", "va"). The
  // reader's words are compared with these tables without accents, so
  // "popo" finds the line for "popó": write each word once, with its accents.
  var ES = {
    common: (
      "a al algo algunas algunos ante antes como con contra cual cuando de del desde " +
      "donde durante e el ella ellas ellos en entre era eran es esa esas ese eso esos " +
      "esta estaba estaban estado estamos estar estará estaría estas este esto estos " +
      "estoy estuve estuvo está están estás esté fue fuera fueron fui ha había habrá " +
      "han has hasta hay haya he hemos hubo la las le les lo los me mi mis mucho muchos " +
      "muy más mí nada ni no nos nosotros nuestra nuestro o otra otras otro otros para " +
      "pero poco por porque que quien quienes qué se sea sean será sería si sí sido sin " +
      "sobre somos son soy su sus también tanto te tendrá tenga tengo tenido tenía ti " +
      "tiene tienen todo todos tu tus tuve tuvo tú un una uno unos usted ustedes y ya yo " +
      "él " +
      "qué cuándo cuánto cuánta cuántos cuántas cómo dónde cuál cuáles adónde " +
      "porqué " +
      "puedo puede pueden podré podría podrá podre podria podra debo debe deben " +
      "debería deberia quiero quisiera va van voy vas vamos favor hola tan algún " +
      "alguna alguien algun"
    ).split(" "),
    same: {
      // medicines and the procedure
      "cortisona": "esteroide cortisona", "cortizona": "esteroide cortisona",
      "corticoide": "esteroide", "corticoides": "esteroide", "esteroides": "esteroide",
      "corticosteroide": "esteroide", "corticosteroides": "esteroide",
      "piquete": "inyección", "pinchazo": "inyección aguja", "infiltración": "inyección",
      "inyectan": "inyección medicina", "inyectar": "inyección",
      "me van a dormir": "sedación despierto dormir", "van a dormir": "sedación despierto dormir",
      "me duermen": "sedación despierto dormir", "dormido": "sedación despierto",
      "anestesia general": "anestesia general sedación despierto",
      "anestesia local": "anestesia adormecer",
      "radiografía": "rayos", "rayos x": "rayos fluoroscopia",
      "pastillas": "medicinas", "pastilla": "medicinas", "medicamentos": "medicinas",
      "medicamento": "medicinas", "remedios": "medicinas", "tinte": "tinte contraste",
      // the body
      "popó": "popó excremento intestino",
      "caca": "popó excremento intestino", "heces": "popó excremento intestino",
      "pipí": "pipí orinar orina vejiga",
      "pis": "pipí orinar orina vejiga", "orinar": "orinar orina vejiga",
      "orina": "orina vejiga", "hacer pipí": "pipí orinar orina vejiga",
      "pompis": "nalgas", "trasero": "nalgas", "sentaderas": "nalgas",
      "rabadilla": "rabadilla coxis", "coxis": "coxis rabadilla", "cóccix": "coxis rabadilla",
      "colita": "coxis rabadilla",
      // life before and after
      "amamantar": "pecho", "amamantando": "pecho", "lactancia": "pecho",
      "ayunas": "comer beber", "ayuno": "comer beber", "ayunar": "comer beber",
      "conducir": "manejar", "carro": "manejar", "coche": "manejar", "auto": "manejar",
      "gripa": "resfriado fiebre", "gripe": "resfriado fiebre", "catarro": "resfriado fiebre",
      "resfrío": "resfriado fiebre",
      "calentura": "fiebre", "temperatura": "fiebre",
      "costo": "cuesta seguro", "precio": "cuesta seguro", "pagar": "cuesta seguro",
      "cobran": "cuesta seguro",
      "volar": "avión viajar", "vuelo": "avión viajar", "sexo": "relaciones sexuales",
      "gimnasio": "ejercicio", "gym": "ejercicio", "deporte": "ejercicio",
      "correr": "ejercicio", "peligroso": "riesgos seguro", "peligro": "riesgos seguro",
      "riesgoso": "riesgos seguro", "morado": "moretón", "hematoma": "moretón",
      "doctor": "médico", "doctora": "médico",
      "hace efecto": "empieza empezará efecto", "hacer efecto": "empieza empezará efecto",
      "llamar": "llame llamar ayuda", "contraindicaciones": "quién no debe recibirlo",
      "contraindicación": "quién no debe recibirlo",
      // this guide
      "significa": "glosario significa", "significado": "glosario significa",
      "quiere decir": "glosario significa", "definición": "glosario",
      "se llama": "nombre quiere decir", "autor": "escribió",
      "escribió": "escribió",   // typed "escribio", which the stemmer cuts otherwise
      "autores": "escribió", "página web": "sitio web insertar",
      "mi página": "sitio web insertar", "la página de mi clínica": "sitio web insertar"
    }
  };
  if (LANG === "es") { COMMON = ES.common.map(plain); SAME = ES.same; }

  var SYNTAX = /["+^~*:]|(^|\s)-/;
  var WORD_GAP = /[^a-z0-9\u00c0-\u024f]+/;

  // Weights: a whole word 100, a synonym 80, the start of a word 10, a slip 1.
  var WHOLE = 100, SYNONYM = 80, START = 10, SLIP = 1;

  function words(text) {
    return text.toLowerCase().replace(/['\u2019]/g, "").split(WORD_GAP)
      .filter(function (word) { return word; });
  }

  // How words are compared with COMMON and SAME: in Spanish, without accents.
  function key(word) {
    return LANG === "es" ? plain(word) : word;
  }

  function isCommon(word) {
    return COMMON.indexOf(key(word)) >= 0;
  }

  // The lunr clauses for one word the reader typed: the whole word (lunr
  // reduces it to its stem, so "injections" finds "injection"), the start of a
  // longer word for words of 3 letters or more, and small slips.
  function typedClauses(word) {
    if (LANG === "es") return typedClausesEs(word);
    var out = [word + "^" + WHOLE];
    if (word.length >= 3) out.push(word + "*^" + START);
    if (word.length >= 7) out.push(word + "~2^" + SLIP);
    else if (word.length >= 5) out.push(word + "~1^" + SLIP);
    return out;
  }

  // Spanish: lunr's Spanish stemmer drops the accents of the words in the
  // index ("inyección" is kept as "inyeccion"), but it cuts some words typed
  // without their accent differently: "despues" to "despu", where "después"
  // is "despues"; "cirugia" to "cirugi", where "cirugía" is "cirug". So such
  // a word is looked for with its accent: the endings that always take one
  // (ACCENTS) and the everyday words stressed on the last syllable
  // (LAST_SYLLABLE). The start of a word and the slips look for the word
  // without accents, as the index keeps it.
  var ACCENTS = [
    [/^(.*(?:log|graf|tom|pat|cirug|anatom|todav|energ))ia(s?)$/, "$1ía$2"],  // cirugía
    [/^(.*[cs])ion$/, "$1ión"]                                               // información
  ];
  var LAST_SYLLABLE = (
    "después además detrás atrás quizás través demás según también quién aquí allí " +
    "ahí está están será podrá tendrá jamás pipí inglés francés"
  ).split(" ");

  function plain(word) {
    return word.normalize("NFD").replace(/[\u0301]/g, "").normalize("NFC");
  }

  // The word with the accents it lacks, if it is one of those.
  function accented(word) {
    if (word !== plain(word)) return word;                // typed with accents
    for (var i = 0; i < LAST_SYLLABLE.length; i++) {
      if (plain(LAST_SYLLABLE[i]) === word) return LAST_SYLLABLE[i];
    }
    for (var j = 0; j < ACCENTS.length; j++) {
      if (ACCENTS[j][0].test(word)) return word.replace(ACCENTS[j][0], ACCENTS[j][1]);
    }
    return word;
  }

  function typedClausesEs(word) {
    var out = [accented(word) + "^" + WHOLE];
    var bare = plain(word);
    if (word.length >= 3) out.push(bare + "*^" + START);
    if (word.length >= 7) out.push(bare + "~2^" + SLIP);
    else if (word.length >= 5) out.push(bare + "~1^" + SLIP);
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
    var text = " " + said.map(key).join(" ") + " ";
    var inPhrase = {};
    Object.keys(SAME).forEach(function (readers) {
      if (text.indexOf(" " + key(readers) + " ") < 0) return;
      words(readers).forEach(function (word) {
        if (readers.indexOf(" ") > 0) inPhrase[key(word)] = true;
      });
      words(SAME[readers]).forEach(function (word) { add([word + "^" + SYNONYM]); });
    });
    said.forEach(function (word) {
      if (!isCommon(word) && !inPhrase[key(word)]) add(typedClauses(word));
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

  window.gibSearchWords = {
    rewrite: rewrite, found: found, SAME: SAME, COMMON: COMMON, LANG: LANG
  };
})();
