/* passage search: results as you type in the search box of every page, the results page
   (search.html?q=...), and the highlighting of the matched words on the page a result leads to.

   The index is built by the generator (src/search/) as classic scripts under search/ that call
   passageSearchRegister(name, data); they are loaded on demand by inserting <script> elements, so
   everything works from file:// as over HTTP (no fetch, no modules, no workers).

   Normalisation mirrors src/search/text.hpp exactly: ASCII letters and digits are word characters
   (letters lowercased), every non-ASCII character of the corpus folds through the table the index
   ships ("fold" in the manifest), and a word's stem is read from the index, never computed here.
   Characters that are not in the corpus fall back to the browser's own Unicode data; no word of the
   corpus contains them, so they cannot change what matches. */
(function () {
  "use strict";

  var script = document.currentScript;
  var ROOT = script && script.src ? new URL("..", script.src).href : "";
  var registered = Object.create(null);
  var pending = Object.create(null);

  window.passageSearchRegister = function (name, data) { registered[name] = data; };

  // Loads search/<name>.js once; resolves with the data it registered.
  function load(name) {
    if (pending[name]) return pending[name];
    pending[name] = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = ROOT + "search/" + name + ".js";
      s.async = true;
      s.onload = function () {
        if (name in registered) resolve(registered[name]);
        else reject(new Error("search/" + name + ".js registered no data"));
      };
      s.onerror = function () {
        delete pending[name];
        reject(new Error("cannot load search/" + name + ".js"));
      };
      document.head.appendChild(s);
    });
    return pending[name];
  }

  /* ---- text: tokenizing and folding (the rule of src/search/text.hpp) ---------------------- */

  var FALLBACK_WORD = /^[\p{L}\p{M}\p{N}\p{Cf}]$/u;

  function Folder(table) {
    this.table = new Map(table || []);
  }
  // [isWord, folded] for one character (a string of one code point).
  Folder.prototype.char = function (ch, cp) {
    if (cp < 0x80) {
      if (cp >= 65 && cp <= 90) return [true, String.fromCharCode(cp + 32)];
      if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) return [true, ch];
      return [false, ""];
    }
    if (this.table.has(ch)) {
      var f = this.table.get(ch);
      return f === null ? [false, ""] : [true, f];
    }
    if (!FALLBACK_WORD.test(ch)) return [false, ""];
    return [true, ch.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()];
  };
  // Tokens of `text`: {folded, begin, end} with UTF-16 offsets; empty folds are dropped.
  Folder.prototype.tokenize = function (text) {
    var out = [], cur = null;
    for (var i = 0; i < text.length;) {
      var cp = text.codePointAt(i), len = cp > 0xffff ? 2 : 1;
      var c = this.char(text.substr(i, len), cp);
      if (c[0]) {
        if (!cur) cur = { folded: "", begin: i, end: i };
        cur.folded += c[1];
      } else if (cur) {
        cur.end = i;
        if (cur.folded) out.push(cur);
        cur = null;
      }
      i += len;
    }
    if (cur) {
      cur.end = text.length;
      if (cur.folded) out.push(cur);
    }
    return out;
  };

  // Code point order (the order of the index), which differs from UTF-16 order above U+FFFF.
  function compare(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x === y) continue;
      var xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
    return a.length - b.length;
  }

  /* ---- the engine: lookup, ranking, snippets -------------------------------------------------- */

  var PREFIX_FACTOR = 0.6;   // a word that only starts with what was typed
  var MAX_EXPANSION = 100;   // stems one typed prefix may stand for
  var MAX_PREFIX_SHARDS = 4;

  function Engine(manifest) {
    this.m = manifest;
    this.folder = new Folder(manifest.fold);
    this.stop = new Set(manifest.stop);
    this.shards = manifest.shards;
    this.decoded = new Map();  // shard name + term index -> Map(record -> {w, pos})
  }

  Engine.prototype.tokenize = function (text) { return this.folder.tokenize(text); };

  Engine.prototype.shardOf = function (word) {
    var lo = 0, hi = this.shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (compare(this.shards[mid][0], word) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  Engine.prototype.shardsForPrefix = function (prefix) {
    var first = this.shardOf(prefix), out = [first];
    for (var i = first + 1; i < this.shards.length && this.shards[i][0].lastIndexOf(prefix, 0) === 0; i++) out.push(i);
    return out;
  };

  // Resolves with the shard's data, with a Map of its words added.
  Engine.prototype.shard = function (i) {
    var name = this.shards[i][1];
    return load(name).then(function (data) {
      if (!data.map) data.map = new Map(data.words);
      data.name = name;
      return data;
    });
  };

  Engine.prototype.postings = function (shard, t) {
    var key = shard.name + ":" + t, hit = this.decoded.get(key);
    if (hit) return hit;
    var flat = shard.terms[t][2], out = new Map(), rec = 0;
    for (var i = 0; i < flat.length;) {
      rec += flat[i++];
      var w = flat[i++], n = flat[i++], pos = new Array(n), p = 0;
      for (var k = 0; k < n; k++) { p += flat[i++]; pos[k] = p; }
      out.set(rec, { w: w, pos: pos });
    }
    this.decoded.set(key, out);
    return out;
  };

  // The stems of folded words (null for a word the corpus lacks): what the index says, for tests.
  Engine.prototype.stems = function (words) {
    var self = this;
    return Promise.all(words.map(function (w) {
      return self.shard(self.shardOf(w)).then(function (s) {
        var t = s.map.get(w);
        return t === undefined ? null : s.terms[t][0];
      });
    }));
  };

  // The query's terms: {word, qpos, prefix}; stop words drop out but keep their place.
  Engine.prototype.terms = function (query) {
    var tokens = this.tokenize(query), out = [];
    var open = tokens.length > 0 && tokens[tokens.length - 1].end === query.length;
    for (var i = 0; i < tokens.length; i++) {
      var last = open && i === tokens.length - 1, w = tokens[i].folded;
      if (this.stop.has(w) && !last) continue;
      out.push({ word: w, qpos: i, prefix: last });
    }
    return out;
  };

  // Resolves each term to its matching stems: [{shard, t, factor}].
  Engine.prototype.expand = function (term) {
    var self = this;
    var exact = this.shard(this.shardOf(term.word)).then(function (s) {
      var t = s.map.get(term.word);
      return t === undefined ? [] : [{ shard: s, t: t, factor: 1 }];
    });
    return exact.then(function (found) {
      // Prefix matching for the word being typed, and for a whole word the corpus lacks.
      if ((!term.prefix && found.length) || term.word.length < 2) return found;
      var ids = self.shardsForPrefix(term.word);
      if (ids.length > MAX_PREFIX_SHARDS) return found;
      return Promise.all(ids.map(function (i) { return self.shard(i); })).then(function (shards) {
        var seen = new Set(found.map(function (f) { return f.shard.terms[f.t][0]; }));
        shards.forEach(function (s) {
          s.words.forEach(function (e) {
            if (seen.size >= MAX_EXPANSION || e[0].lastIndexOf(term.word, 0) !== 0 || self.stop.has(e[0])) return;
            var stem = s.terms[e[1]][0];
            if (seen.has(stem)) return;
            seen.add(stem);
            found.push({ shard: s, t: e[1], factor: PREFIX_FACTOR });
          });
        });
        return found;
      });
    });
  };

  // Smallest span of positions holding one position of every list (lists sorted).
  function minSpan(lists) {
    var idx = lists.map(function () { return 0; }), best = Infinity;
    for (;;) {
      var lo = Infinity, hi = -Infinity, loList = -1;
      for (var i = 0; i < lists.length; i++) {
        var p = lists[i][idx[i]];
        if (p < lo) { lo = p; loList = i; }
        if (p > hi) hi = p;
      }
      best = Math.min(best, hi - lo);
      if (++idx[loList] >= lists[loList].length) return best;
    }
  }

  function isPhrase(lists, qpos) {
    var sets = lists.map(function (l) { return new Set(l); });
    return lists[0].some(function (p) {
      for (var i = 1; i < lists.length; i++) if (!sets[i].has(p + qpos[i] - qpos[0])) return false;
      return true;
    });
  }

  /* Runs a query. Resolves with {terms, mode: "all" | "some" | "none", hits: [{record, score}],
     highlight: Set of folded surface forms to mark}. Ranking: the sum of the BM25F weights of the
     terms (a prefix-only match counts PREFIX_FACTOR), times 2 when the words stand as a phrase, or
     up to 1.5 when they stand close; ties go to the record that comes first in reading order. */
  Engine.prototype.search = function (query) {
    var self = this, terms = this.terms(query);
    if (!terms.length) return Promise.resolve({ terms: terms, mode: "none", hits: [], highlight: new Set() });
    return Promise.all(terms.map(function (t) { return self.expand(t); })).then(function (expanded) {
      // A stop word being typed that starts no other word drops out, as a typed stop word does.
      var keep = terms.map(function (t, i) { return expanded[i].length > 0 || !self.stop.has(t.word); });
      terms = terms.filter(function (_, i) { return keep[i]; });
      expanded = expanded.filter(function (_, i) { return keep[i]; });
      if (!terms.length) return { terms: terms, mode: "none", hits: [], highlight: new Set() };
      var highlight = new Set();
      var perTerm = expanded.map(function (list) {
        var m = new Map();
        list.forEach(function (e) {
          e.shard.terms[e.t][1].forEach(function (s) { highlight.add(s); });
          self.postings(e.shard, e.t).forEach(function (p, rec) {
            var w = p.w * e.factor, had = m.get(rec);
            if (!had) m.set(rec, { w: w, pos: p.pos.slice() });
            else {
              had.w = Math.max(had.w, w);
              had.pos = had.pos.concat(p.pos).sort(function (a, b) { return a - b; });
            }
          });
        });
        return m;
      });
      var counts = new Map();
      perTerm.forEach(function (m) { m.forEach(function (_, rec) { counts.set(rec, (counts.get(rec) || 0) + 1); }); });
      var all = [];
      counts.forEach(function (n, rec) { if (n === terms.length) all.push(rec); });
      var mode = all.length ? "all" : counts.size ? "some" : "none";
      var records = mode === "all" ? all : Array.from(counts.keys());
      var hits = records.map(function (rec) {
        var score = 0, lists = [], qpos = [];
        perTerm.forEach(function (m, i) {
          var e = m.get(rec);
          if (!e) return;
          score += e.w;
          if (e.pos.length) { lists.push(e.pos); qpos.push(terms[i].qpos); }
        });
        if (lists.length >= 2) {
          if (lists.length === terms.length && isPhrase(lists, qpos)) score *= 2;
          else {
            var span = Math.max(1, minSpan(lists));
            if (span < 8 * lists.length) score *= 1 + 0.5 * (lists.length - 1) / span;
          }
        }
        return { record: rec, score: score };
      });
      hits.sort(function (a, b) { return b.score - a.score || a.record - b.record; });
      return { terms: terms, mode: mode, hits: hits, highlight: highlight };
    });
  };

  // Resolves with a Map record -> [url, title path, text].
  Engine.prototype.records = function (ids) {
    var chunks = this.m.chunks, need = new Map();
    ids.forEach(function (id) {
      var lo = 0, hi = chunks.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (chunks[mid][0] <= id) lo = mid; else hi = mid - 1; }
      need.set(chunks[lo][1], true);
    });
    return Promise.all(Array.from(need.keys()).map(load)).then(function (loaded) {
      var out = new Map();
      loaded.forEach(function (c) { c.records.forEach(function (r, i) { out.set(c.first + i, r); }); });
      return out;
    });
  };

  // Facets of a record: {kind, year, org, themes} as ids ("" when none).
  Engine.prototype.facets = function (rec) {
    var m = this.m, p = m.profiles[m.rp[rec]];
    return {
      kind: m.kinds[p[0]] ? m.kinds[p[0]][0] : "",
      year: p[1] ? String(p[1]) : "",
      org: p[2] >= 0 ? m.orgs[p[2]][0] : "",
      themes: p[3].map(function (t) { return m.themes[t][0]; })
    };
  };

  // The part of `text` to show: [{text, hit}] pieces around the densest run of matched words.
  Engine.prototype.snippet = function (text, highlight, maxTokens) {
    var tokens = this.tokenize(text), hits = [];
    tokens.forEach(function (t, i) { if (highlight.has(t.folded)) hits.push(i); });
    var width = maxTokens || 32, start = 0;
    if (tokens.length > width && hits.length) {
      var best = -1;
      for (var h = 0; h < hits.length; h++) {
        var from = Math.max(0, hits[h] - 6), words = new Set(), n = 0;
        for (var k = h; k < hits.length && hits[k] < from + width; k++) { words.add(tokens[hits[k]].folded); n++; }
        var value = words.size * 1000 + n;
        if (value > best) { best = value; start = from; }
      }
    }
    var end = Math.min(tokens.length, start + width);
    var a = tokens.length > width && start > 0 ? tokens[start].begin : 0;
    var b = tokens.length > width && end < tokens.length ? tokens[end - 1].end : text.length;
    var pieces = [], at = a;
    if (a > 0) pieces.push({ text: "… ", hit: false });
    for (var i = start; i < end; i++) {
      var t = tokens[i];
      if (!highlight.has(t.folded) || t.begin < a) continue;
      if (t.begin > at) pieces.push({ text: text.slice(at, t.begin), hit: false });
      pieces.push({ text: text.slice(t.begin, t.end), hit: true });
      at = t.end;
    }
    if (b > at) pieces.push({ text: text.slice(at, b), hit: false });
    if (b < text.length) pieces.push({ text: " …", hit: false });
    return pieces;
  };

  // The words of `text` that `highlight` holds, for the ?hl= of a result's link.
  Engine.prototype.present = function (text, highlight) {
    var out = [];
    this.tokenize(text).forEach(function (t) { if (highlight.has(t.folded) && out.indexOf(t.folded) < 0) out.push(t.folded); });
    return out.slice(0, 12);
  };

  var enginePromise = null;
  function engine() {
    if (!enginePromise) {
      enginePromise = load("manifest").then(function (m) {
        if (m.format !== 1) throw new Error("search/manifest.js is of an unknown format: " + m.format);
        return new Engine(m);
      });
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  // For tests and for other scripts: the engine, once the manifest is loaded.
  window.passageSearch = { engine: engine, Folder: Folder, compare: compare, root: ROOT };

  /* ---- the interface ------------------------------------------------------------------------ */

  var STYLE =
    ".search-box{position:relative}" +
    ".search-popup{position:absolute;top:100%;right:0;z-index:50;width:min(36rem,94vw);max-height:75vh;overflow:auto;margin-top:.25rem;" +
    "background:var(--bg,#fff);color:var(--fg,#111);border:1px solid var(--line,#bbb);border-radius:4px;box-shadow:0 4px 18px rgba(0,0,0,.18);font-family:var(--sans,sans-serif)}" +
    ".search-popup[hidden]{display:none}" +
    ".search-popup-status{margin:0;padding:.45rem .7rem;font-size:.9rem;color:var(--muted,#555)}" +
    ".search-popup-status:empty{display:none}" +
    ".search-popup ul{list-style:none;margin:0;padding:0}" +
    ".search-option{padding:.45rem .7rem;cursor:pointer;border-top:1px solid var(--line,#ddd)}" +
    ".search-option .result-title{font-weight:600}" +
    ".search-option .result-snippet{display:block;font-size:.88rem;margin-top:.1rem}" +
    ".search-option .result-kind,.search-results .result-kind{margin-left:.5rem;white-space:nowrap}" +
    ".search-option[aria-selected=true],.search-results li[aria-selected=true]{background:var(--note-bg,#f3efe4);outline:2px solid var(--focus,#c25400);outline-offset:-2px}" +
    ".search-results li{cursor:pointer;padding:.2rem .3rem}" +
    ".search-results .result-snippet{margin:.15rem 0 0}" +
    ".search-filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:.5rem 0 1rem;font-family:var(--sans,sans-serif);font-size:.9rem}" +
    ".search-filters[hidden]{display:none}" +
    ".search-filters label{display:flex;flex-direction:column;gap:.15rem}" +
    ".search-filters select{font:inherit;max-width:16rem}" +
    ".search-hl-bar{font-family:var(--sans,sans-serif);font-size:.9rem;background:var(--note-bg,#f3efe4);padding:.35rem .6rem;border-radius:4px}" +
    ".search-hl-bar button{font:inherit;margin-left:.5rem}";

  function addStyle() {
    if (document.getElementById("passage-search-style")) return;
    var st = document.createElement("style");
    st.id = "passage-search-style";
    st.textContent = STYLE;
    document.head.appendChild(st);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function appendPieces(parent, pieces) {
    pieces.forEach(function (p) { parent.appendChild(p.hit ? el("mark", "", p.text) : document.createTextNode(p.text)); });
    return parent;
  }

  function kindLabel(e, kind) {
    var k = e.m.kinds.filter(function (x) { return x[0] === kind; })[0];
    return k ? k[1] : kind;
  }

  // The result's address, with the words to highlight on the page it leads to.
  function hrefOf(e, record, highlight) {
    var url = record[0], hash = url.indexOf("#"), frag = hash >= 0 ? url.slice(hash) : "";
    var base = hash >= 0 ? url.slice(0, hash) : url;
    var words = e.present(record[1].join(" ") + " " + record[2], highlight);
    return ROOT + base + (words.length ? "?hl=" + encodeURIComponent(words.join(" ")) : "") + frag;
  }

  // Fills `item` with a result: title path, kind, snippet. Returns its address.
  function fillResult(e, item, rec, record, highlight, snippetWords, titleTag) {
    var href = hrefOf(e, record, highlight);
    // An option of a listbox holds no link (nested interactive content): the option itself opens
    // the result (Combobox's click and Enter), by its data-href.
    var title = el("span", "result-title");
    appendPieces(title, e.snippet(record[1].join(" \u203a "), highlight, 1000));
    item.appendChild(title);
    item.appendChild(el("span", "result-kind", kindLabel(e, e.facets(rec).kind)));
    item.appendChild(appendPieces(el(titleTag === "a" ? "p" : "span", "result-snippet"), e.snippet(record[2], highlight, snippetWords)));
    return href;
  }

  function isLoaded() { return loadedFlag; }
  var loadedFlag = false;
  function engineLoaded() {
    return engine().then(function (e) { loadedFlag = true; return e; });
  }

  function messageFor(q, r, count) {
    if (!r.terms.length) return "Only very common words: type a more specific word.";
    if (!count) return "No results for \u201c" + q + "\u201d. Check the spelling, or try fewer or other words.";
    var s = count + (count === 1 ? " result" : " results") + " for \u201c" + q + "\u201d";
    if (r.mode === "some") s += " (no passage has all the words: passages with some of them)";
    return s + ".";
  }

  /* A combobox (WAI-ARIA "list autocomplete" pattern): the input keeps the focus, the arrow keys
     move the active option (aria-activedescendant), Enter opens it, Escape closes the list or
     clears the input. `render(query, done)` fills the list by calling setOptions. */
  function Combobox(input, listbox, opts) {
    var self = this;
    this.input = input;
    this.listbox = listbox;
    this.opts = opts;
    this.items = [];
    this.active = -1;
    this.seq = 0;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    listbox.setAttribute("role", "listbox");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.update(); }, 80);
    });
    input.addEventListener("keydown", function (ev) { self.key(ev); });
    listbox.addEventListener("mousedown", function (ev) { if (opts.popup) ev.preventDefault(); });
    listbox.addEventListener("click", function (ev) {
      var li = ev.target.closest && ev.target.closest("[role=option]");
      if (!li || (ev.target.closest("a") && !opts.popup)) return;  // a real link follows itself
      ev.preventDefault();
      var i = self.items.indexOf(li);
      if (i >= 0) self.go(i);
    });
    if (opts.popup) {
      input.addEventListener("blur", function () { setTimeout(function () { self.close(); }, 150); });
      input.addEventListener("focus", function () {
        engineLoaded().catch(function () {});
        if (self.items.length || opts.popup.status.textContent) self.open();
      });
    }
  }
  Combobox.prototype.update = function () {
    var seq = ++this.seq, self = this;
    this.opts.render(this.input.value, function () { return seq === self.seq; });
  };
  Combobox.prototype.setOptions = function (items) {
    this.items = items;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    var id = this.listbox.id;
    items.forEach(function (li, i) {
      li.setAttribute("role", "option");
      li.id = id + "-opt-" + i;
      li.setAttribute("aria-selected", "false");
    });
  };
  Combobox.prototype.open = function () {
    if (this.opts.popup) this.opts.popup.box.hidden = false;
    this.input.setAttribute("aria-expanded", this.items.length ? "true" : "false");
  };
  Combobox.prototype.close = function () {
    if (this.opts.popup) this.opts.popup.box.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.select(-1);
  };
  Combobox.prototype.select = function (i) {
    if (this.active >= 0 && this.items[this.active]) this.items[this.active].setAttribute("aria-selected", "false");
    this.active = i;
    if (i < 0) { this.input.removeAttribute("aria-activedescendant"); return; }
    var li = this.items[i];
    li.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", li.id);
    if (li.scrollIntoView) li.scrollIntoView({ block: "nearest" });
  };
  Combobox.prototype.go = function (i) {
    var href = this.items[i] && this.items[i].getAttribute("data-href");
    if (href) window.location.href = href;
  };
  Combobox.prototype.key = function (ev) {
    var n = this.items.length;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!n) return;
      ev.preventDefault();
      this.open();
      var d = ev.key === "ArrowDown" ? 1 : -1;
      this.select(this.active < 0 ? (d > 0 ? 0 : n - 1) : (this.active + d + n) % n);
    } else if (ev.key === "Enter") {
      if (this.active >= 0) { ev.preventDefault(); this.go(this.active); }
    } else if (ev.key === "Escape") {
      if (this.input.getAttribute("aria-expanded") === "true" && this.opts.popup) { ev.preventDefault(); this.close(); }
      else if (this.input.value) { ev.preventDefault(); this.input.value = ""; this.update(); }
    } else if (ev.key === "Home" || ev.key === "End" || ev.key === "ArrowLeft" || ev.key === "ArrowRight") {
      this.select(-1);
    }
  };

  // The search box of every page: the best results in a list under it, then "all results".
  function headerBox() {
    var input = document.getElementById("search-q");
    if (!input || !input.form) return;
    var form = input.form;
    var box = el("div", "search-popup");
    box.hidden = true;
    var status = el("p", "search-popup-status");
    status.id = "search-q-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var list = el("ul");
    list.id = "search-q-list";
    list.setAttribute("aria-label", "Search results");
    box.appendChild(status);
    box.appendChild(list);
    form.appendChild(box);
    var cb = new Combobox(input, list, { popup: { box: box, status: status }, render: render });
    function render(q, current) {
      if (!q.trim()) {
        list.textContent = "";
        status.textContent = "";
        cb.setOptions([]);
        cb.close();
        return;
      }
      if (!isLoaded()) {
        status.textContent = "Loading the search index\u2026";
        cb.open();
      }
      engineLoaded().then(function (e) {
        return e.search(q).then(function (r) {
          var top = r.hits.slice(0, 6);
          return e.records(top.map(function (h) { return h.record; })).then(function (recs) {
            if (!current()) return;
            list.textContent = "";
            var items = top.map(function (h) {
              var li = el("li", "search-option");
              li.setAttribute("data-href", fillResult(e, li, h.record, recs.get(h.record), r.highlight, 18));
              list.appendChild(li);
              return li;
            });
            if (r.hits.length) {
              var all = el("li", "search-option search-all", "All " + r.hits.length + " results for \u201c" + q + "\u201d");
              all.setAttribute("data-href", ROOT + "search.html?q=" + encodeURIComponent(q));
              list.appendChild(all);
              items.push(all);
            }
            status.textContent = r.hits.length ? "" : messageFor(q, r, 0);
            cb.setOptions(items);
            list.setAttribute("data-query", q);
            if (document.activeElement === input) cb.open();
          });
        });
      }).catch(function () {
        if (!current()) return;
        status.textContent = "The search index could not be loaded.";
        cb.open();
      });
    }
  }

  var FACETS = [["kind", "Kind", "All kinds"], ["theme", "Theme", "All themes"], ["year", "Year", "All years"], ["org", "Organization", "All organizations"]];

  // The results page: search.html?q=...&kind=...&theme=...&year=...&org=...
  function resultsPage() {
    var input = document.getElementById("page-q"), list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    if (!input || !list || !status) return;
    var filtersBox = document.getElementById("search-filters"), more = document.getElementById("search-more");
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", shown: 10 };
    FACETS.forEach(function (f) { state[f[0]] = params.get(f[0]) || ""; });
    input.value = state.q;
    list.setAttribute("aria-label", "Search results");
    var cb = new Combobox(input, list, { render: function (q, current) { state.q = q; state.shown = 10; run(current); } });
    if (input.form) input.form.addEventListener("submit", function (ev) { ev.preventDefault(); cb.update(); });
    if (more) more.addEventListener("click", function () { state.shown += 10; cb.seq++; var s = cb.seq; run(function () { return s === cb.seq; }); });
    var last = null;

    function saveUrl() {
      var p = new URLSearchParams();
      if (state.q) p.set("q", state.q);
      FACETS.forEach(function (f) { if (state[f[0]]) p.set(f[0], state[f[0]]); });
      try { window.history.replaceState(null, "", "?" + p.toString()); } catch (err) { /* some file:// setups refuse */ }
    }

    function matches(facets, skip) {
      return FACETS.every(function (f) {
        var k = f[0], want = state[k];
        if (!want || k === skip) return true;
        return k === "theme" ? facets.themes.indexOf(want) >= 0 : facets[k] === want;
      });
    }

    function renderFilters(e, hits) {
      if (!filtersBox) return;
      filtersBox.textContent = "";
      filtersBox.hidden = !hits.length && !FACETS.some(function (f) { return state[f[0]]; });
      FACETS.forEach(function (f) {
        var key = f[0], counts = new Map();
        hits.forEach(function (h) {
          var fc = e.facets(h.record);
          if (!matches(fc, key)) return;
          (key === "theme" ? fc.themes : [fc[key]]).forEach(function (v) { if (v) counts.set(v, (counts.get(v) || 0) + 1); });
        });
        var values;
        if (key === "kind") values = e.m.kinds;
        else if (key === "theme") values = e.m.themes;
        else if (key === "org") values = e.m.orgs.slice().sort(function (a, b) { return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; });
        else values = Array.from(counts.keys()).sort().reverse().map(function (y) { return [y, y]; });
        var label = el("label", "", f[1]), select = el("select");
        select.id = "search-filter-" + key;
        select.appendChild(el("option", "", f[2])).value = "";
        values.forEach(function (v) {
          var n = counts.get(v[0]) || 0;
          if (!n && state[key] !== v[0]) return;
          var o = el("option", "", v[1] + " (" + n + ")");
          o.value = v[0];
          select.appendChild(o);
        });
        select.value = state[key];
        select.addEventListener("change", function () {
          state[key] = select.value;
          state.shown = 10;
          cb.seq++;
          var s = cb.seq;
          run(function () { return s === cb.seq; });
        });
        label.appendChild(select);
        filtersBox.appendChild(label);
      });
    }

    function run(current) {
      saveUrl();
      var q = state.q;
      if (!q.trim()) {
        list.textContent = "";
        cb.setOptions([]);
        status.textContent = "Type a word or a phrase: results appear as you type.";
        if (filtersBox) filtersBox.hidden = true;
        if (more) more.hidden = true;
        return;
      }
      if (!isLoaded()) status.textContent = "Loading the search index\u2026";
      engineLoaded().then(function (e) {
        return (last && last.q === q ? Promise.resolve(last.r) : e.search(q)).then(function (r) {
          last = { q: q, r: r };
          var hits = r.hits.filter(function (h) { return matches(e.facets(h.record)); });
          var top = hits.slice(0, state.shown);
          return e.records(top.map(function (h) { return h.record; })).then(function (recs) {
            if (!current()) return;
            renderFilters(e, r.hits);
            list.textContent = "";
            var items = top.map(function (h) {
              var li = el("li");
              li.setAttribute("data-href", fillResult(e, li, h.record, recs.get(h.record), r.highlight, 40, "a"));
              list.appendChild(li);
              return li;
            });
            cb.setOptions(items);
            list.setAttribute("data-query", q);
            input.setAttribute("aria-expanded", items.length ? "true" : "false");
            var msg = messageFor(q, r, hits.length);
            if (hits.length < r.hits.length) msg += " Filtered from " + r.hits.length + ".";
            if (!hits.length && r.hits.length) msg = "No results for \u201c" + q + "\u201d with these filters (" + r.hits.length + " without them).";
            status.textContent = msg;
            if (more) more.hidden = hits.length <= top.length;
          });
        });
      }).catch(function () {
        if (current()) status.textContent = "The search index could not be loaded.";
      });
    }
    cb.update();
  }

  // On the page a result leads to: marks the words of ?hl= in the main text.
  function highlightPage() {
    var hl = new URLSearchParams(window.location.search).get("hl");
    var main = document.getElementById("main");
    if (!hl || !main) return;
    var words = new Set(hl.split(/\s+/).filter(Boolean));
    engine().then(function (e) {
      var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
          return n.parentNode.closest("script,style,textarea,mark,.search-box") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        }
      });
      var nodes = [], marks = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        var text = node.data, tokens = e.tokenize(text).filter(function (t) { return words.has(t.folded); });
        if (!tokens.length) return;
        var frag = document.createDocumentFragment(), at = 0;
        tokens.forEach(function (t) {
          if (t.begin > at) frag.appendChild(document.createTextNode(text.slice(at, t.begin)));
          var m = el("mark", "search-hit", text.slice(t.begin, t.end));
          marks.push(m);
          frag.appendChild(m);
          at = t.end;
        });
        if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
        node.parentNode.replaceChild(frag, node);
      });
      if (!marks.length) return;
      var bar = el("p", "search-hl-bar", marks.length + (marks.length === 1 ? " match" : " matches") + " of the search highlighted.");
      bar.setAttribute("role", "status");
      var clear = el("button", "", "Clear highlighting");
      clear.type = "button";
      clear.addEventListener("click", function () {
        marks.forEach(function (m) { m.replaceWith(document.createTextNode(m.textContent)); });
        main.normalize();
        bar.remove();
      });
      bar.appendChild(clear);
      main.insertBefore(bar, main.firstChild);
      var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target && target.scrollIntoView) target.scrollIntoView();
    }).catch(function () {});
  }

  function start() {
    addStyle();
    headerBox();
    resultsPage();
    highlightPage();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
