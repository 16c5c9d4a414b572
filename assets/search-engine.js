/* passage search, the engine: loads the index and ranks passages; search.js is the interface
   (results as you type, the results page search.html?q=..., highlighting on the target page) and
   uses this file through window.passageSearch, so this file comes first.

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

  // Numbers packed in strings by src/search/emit.cpp: 5 bits per character, low bits first, the
  // character's value + 32 when more characters follow.
  var DIGIT = new Int8Array(128).fill(-1);
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".split("").forEach(function (c, i) { DIGIT[c.charCodeAt(0)] = i; });
  function unpack(s) {
    var out = [], v = 0, scale = 1;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      v += (d & 31) * scale;
      if (d & 32) scale *= 32;
      else { out.push(v); v = 0; scale = 1; }
    }
    return out;
  }

  /* Records are named by their group (the records of one page, in reading order) and their place
     in it; here a record is the number group * stride + place, which keeps reading order. */
  function Engine(manifest) {
    this.m = manifest;
    this.folder = new Folder(manifest.fold);
    this.stop = new Set(manifest.stop);
    this.stride = manifest.stride;
    this.shards = manifest.shards.map(function (s) { return s[0]; });  // the first word of each term shard
    this.shardIds = manifest.shards.map(function (s) { return s[1]; });  // its file: "t" + id
    var starts = [], group = 0, packed = unpack(manifest.chunks);
    for (var i = 0; i + 1 < packed.length; i += 2) {
      group += packed[i];
      starts.push(group * manifest.stride + packed[i + 1]);
    }
    this.chunkStarts = starts;  // the first record of each record chunk, whose file is "r" + chunk_ids[i]
    this.decoded = new Map();  // shard name + term index -> Map(record -> {w, pos})
    this.facetFiles = new Map();  // facet file number -> {first, offsets, profiles, rp}
    this.labels = null;
  }

  // The index of each group's first record in a file that holds groups from `first` on, whose sizes
  // are packed in `sizes`: offsets[group - first].
  function groupOffsets(sizes) {
    var out = [0];
    unpack(sizes).forEach(function (n) { out.push(out[out.length - 1] + n); });
    return out;
  }

  Engine.prototype.tokenize = function (text) { return this.folder.tokenize(text); };

  Engine.prototype.shardOf = function (word) {
    var lo = 0, hi = this.shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (compare(this.shards[mid], word) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
  Engine.prototype.shardsForPrefix = function (prefix) {
    var first = this.shardOf(prefix), out = [first];
    for (var i = first + 1; i < this.shards.length && this.shards[i].lastIndexOf(prefix, 0) === 0; i++) out.push(i);
    return out;
  };

  // Resolves with the shard's data, with a Map of its words added.
  Engine.prototype.shard = function (i) {
    // A site with nothing to index has no shard: every word is missing from it.
    if (i >= this.shardIds.length) return Promise.resolve({ words: [], terms: [], map: new Map(), name: "" });
    var name = "t" + this.shardIds[i];
    return load(name).then(function (data) {
      if (!data.map) data.map = new Map(data.words);
      data.name = name;
      return data;
    });
  };

  // Adds packed postings to `out`: record -> {w, title, note, pos}. Each is group (delta), place,
  // weight * 4 + flags (1: the word is in the record's title, 2: the record is a footnote), count of
  // positions, positions (delta-coded).
  function decodePostings(packed, stride, out) {
    var flat = unpack(packed), group = 0;
    for (var i = 0; i < flat.length;) {
      group += flat[i++];
      var rec = group * stride + flat[i++];
      var v = flat[i++], n = flat[i++], pos = new Array(n), p = 0;
      for (var k = 0; k < n; k++) { p += flat[i++]; pos[k] = p; }
      out.set(rec, { w: Math.floor(v / 4), title: (v & 1) === 1, note: (v & 2) === 2, pos: pos });
    }
    return out;
  }

  // Whether a term entry of a shard keeps some postings in a tail file (a word of many records).
  function hasTail(entry) { return entry.length > 3; }

  // Resolves with the postings of term `t` of `shard`, a Map record -> {w, pos}: its head only (its
  // best-weighted records) unless `full`, which loads its tail too.
  Engine.prototype.postings = function (shard, t, full) {
    var self = this, entry = shard.terms[t], withTail = full && hasTail(entry);
    var key = shard.name + ":" + t + (withTail ? "+" : ""), hit = this.decoded.get(key);
    if (hit) return Promise.resolve(hit);
    return (withTail ? load("x" + entry[4]) : Promise.resolve(null)).then(function (tail) {
      var out = decodePostings(entry[2], self.stride, new Map());
      if (tail !== null) decodePostings(tail, self.stride, out);
      self.decoded.set(key, out);
      return out;
    });
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

  var QUOTE = /["\u201c\u201d\u201e]/g;

  /* The query's terms: {word, qpos, prefix, phrase, begin, end}; stop words drop out but keep their
     place (qpos, the token's number). Double quotes (straight or curly) open and close phrases, in
     turn: the words between two quotes have phrase set to the phrase's number (else -1) and must
     stand together, in order, in a record. The last word, while it is typed (nothing follows it),
     is a prefix, unless a quote closes it. begin and end: the word's place in the query. */
  Engine.prototype.terms = function (query) {
    var tokens = this.tokenize(query), out = [], quotes = [];
    query.replace(QUOTE, function (q, at) { quotes.push(at); return q; });
    var phraseAt = function (at) {
      for (var k = 0; k < quotes.length; k += 2) if (at > quotes[k] && (k + 1 >= quotes.length || at < quotes[k + 1])) return k / 2;
      return -1;
    };
    var open = tokens.length > 0 && tokens[tokens.length - 1].end === query.length;
    for (var i = 0; i < tokens.length; i++) {
      var last = open && i === tokens.length - 1, w = tokens[i].folded;
      if (this.stop.has(w) && !last) continue;
      out.push({ word: w, qpos: i, prefix: last, phrase: phraseAt(tokens[i].begin), begin: tokens[i].begin, end: tokens[i].end });
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
     highlight: Set of folded surface forms to mark, total: the number of records that match, or
     null when not known, missing: the terms no record has, for suggest()}. A record must hold every
     phrase of the query (its words at consecutive places, by the index's positions). Ranking: first
     the records whose title holds every word of the query (an instrument, an organization, a theme,
     a document, a recommendation named by the query); then the sum of the BM25F scores of the terms
     (a posting's weight, the term-frequency part, times the term's inverse document frequency; a
     prefix-only match counts PREFIX_FACTOR), times 2 when the words stand as a phrase, or up to 1.5
     when they stand close; for equal scores a passage or a page before a footnote, then the record
     that comes first in reading order.
     A query of one word ranks from the heads of its terms alone (see src/search/search.hpp): the
     first `head` hits are exact, but `hits` may then miss weaker records (total tells how many
     match). With options.complete, or with several words, every posting is loaded. */
  Engine.prototype.search = function (query, options) {
    var self = this, terms = this.terms(query), complete = !!(options && options.complete);
    if (!terms.length) return Promise.resolve({ terms: terms, mode: "none", hits: [], highlight: new Set(), total: 0, missing: [] });
    return Promise.all(terms.map(function (t) { return self.expand(t); })).then(function (expanded) {
      // A stop word being typed that starts no other word drops out, as a typed stop word does.
      var keep = terms.map(function (t, i) { return expanded[i].length > 0 || !self.stop.has(t.word); });
      terms = terms.filter(function (_, i) { return keep[i]; });
      expanded = expanded.filter(function (_, i) { return keep[i]; });
      if (!terms.length) return { terms: terms, mode: "none", hits: [], highlight: new Set(), total: 0, missing: [] };
      var missing = terms.filter(function (_, i) { return !expanded[i].length; });
      var full = complete || terms.length > 1, partial = false;
      return Promise.all(expanded.map(function (list) {
        return Promise.all(list.map(function (e) {
          if (!full && hasTail(e.shard.terms[e.t])) partial = true;
          return self.postings(e.shard, e.t, full);
        }));
      })).then(function (postings) {
        var r = self.rank(terms, expanded, postings, partial);
        r.missing = missing;
        return r;
      });
    });
  };

  // Scores the records that `postings` (per term, per stem of `expanded`) name; see search().
  Engine.prototype.rank = function (terms, expanded, postings, partial) {
    var self = this, highlight = new Set();
    var perTerm = expanded.map(function (list, ti) {
      var m = new Map();
      list.forEach(function (e, ei) {
        var entry = e.shard.terms[e.t], df = hasTail(entry) ? entry[3] : postings[ti][ei].size;
        var idf = Math.log(1 + (self.m.records - df + 0.5) / (df + 0.5));
        entry[1].forEach(function (s) { highlight.add(s); });
        postings[ti][ei].forEach(function (p, rec) {
          var w = p.w * idf * e.factor, had = m.get(rec);
          if (!had) m.set(rec, { w: w, title: p.title, note: p.note, pos: p.pos.slice() });
          else {
            had.w = Math.max(had.w, w);
            had.title = had.title || p.title;
            had.pos = had.pos.concat(p.pos).sort(function (a, b) { return a - b; });
          }
        });
      });
      return m;
    });
    // The phrases of the query: the terms of each (two or more), which a record must hold together.
    var phrases = new Map();
    terms.forEach(function (t, i) { if (t.phrase >= 0) phrases.set(t.phrase, (phrases.get(t.phrase) || []).concat([i])); });
    var groups = Array.from(phrases.values()).filter(function (g) { return g.length > 1; });
    var holdsPhrases = function (rec) {
      return groups.every(function (g) {
        var lists = [];
        for (var k = 0; k < g.length; k++) {
          var e = perTerm[g[k]].get(rec);
          if (!e || !e.pos.length) return false;
          lists.push(e.pos);
        }
        return isPhrase(lists, g.map(function (i) { return terms[i].qpos; }));
      });
    };
    var counts = new Map();
    perTerm.forEach(function (m) { m.forEach(function (_, rec) { counts.set(rec, (counts.get(rec) || 0) + 1); }); });
    if (groups.length) counts.forEach(function (_, rec) { if (!holdsPhrases(rec)) counts.delete(rec); });
    var all = [];
    counts.forEach(function (n, rec) { if (n === terms.length) all.push(rec); });
    var mode = all.length ? "all" : counts.size ? "some" : "none";
    var records = mode === "all" ? all : Array.from(counts.keys());
    var hits = records.map(function (rec) {
      var score = 0, lists = [], qpos = [], title = true, note = false;
      perTerm.forEach(function (m, i) {
        var e = m.get(rec);
        if (!e) { title = false; return; }
        score += e.w;
        title = title && e.title;
        note = note || e.note;
        if (e.pos.length) { lists.push(e.pos); qpos.push(terms[i].qpos); }
      });
      if (lists.length >= 2) {
        if (lists.length === terms.length && isPhrase(lists, qpos)) score *= 2;
        else {
          var span = Math.max(1, minSpan(lists));
          if (span < 8 * lists.length) score *= 1 + 0.5 * (lists.length - 1) / span;
        }
      }
      return { record: rec, score: score, title: title, note: note };
    });
    hits.sort(function (a, b) {
      if (a.title !== b.title) return a.title ? -1 : 1;
      if (Math.abs(a.score - b.score) > 1e-9 * Math.max(a.score, b.score)) return b.score - a.score;
      if (a.note !== b.note) return a.note ? 1 : -1;
      return a.record - b.record;
    });
    var total = hits.length;
    if (partial) {
      // One word: its exact count when it stands for one stem, else unknown.
      total = expanded[0].length === 1 ? expanded[0][0].shard.terms[expanded[0][0].t][3] : null;
    }
    return { terms: terms, mode: mode, hits: hits, highlight: highlight, total: total };
  };

  /* ---- did you mean: words of the index near a word it lacks ---------------------------------- */

  // The index's words by length (in code points), one file each (search/vN.js), loaded only when a
  // query has a word without hits; words of VOCAB_MAX or more letters share the last file.
  var VOCAB_MIN = 3, VOCAB_MAX = 24;

  // Resolves with [[word, records]] of the words of `length` letters.
  Engine.prototype.vocabulary = function (length) {
    if (length < VOCAB_MIN) return Promise.resolve([]);
    return load("v" + Math.min(length, VOCAB_MAX)).then(function (d) {
      if (!d.list) {
        var counts = unpack(d.df);
        d.list = d.words ? d.words.split(" ").map(function (w, i) { return [w, counts[i]]; }) : [];
      }
      return d.list;
    });
  };

  // The edit distance of a and b (arrays of code points; insertions, deletions, substitutions and
  // transpositions of two neighbours), or max + 1 when it is over max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], row;
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      row = [i];
      var low = i;
      for (var k = 1; k <= b.length; k++) {
        var d = Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1));
        if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) d = Math.min(d, prev2[k - 2] + 1);
        row.push(d);
        if (d < low) low = d;
      }
      if (low > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /* Resolves with up to `limit` words of the index near the folded word `word`: within an edit
     distance of 1 (words of three to five letters) or 2 (longer), the nearest first, then the
     words of more records, then in code point order. Words shorter than three letters get none. */
  Engine.prototype.suggest = function (word, limit) {
    var self = this, cps = Array.from(word), n = cps.length;
    if (n < VOCAB_MIN) return Promise.resolve([]);
    var max = n < 6 ? 1 : 2, lengths = [];
    for (var len = Math.min(Math.max(VOCAB_MIN, n - max), VOCAB_MAX); len <= Math.min(VOCAB_MAX, n + max); len++) lengths.push(len);
    return Promise.all(lengths.map(function (len) { return self.vocabulary(len); })).then(function (lists) {
      var found = [];
      lists.forEach(function (list) {
        list.forEach(function (e) {
          if (e[0] === word) return;
          var d = distance(cps, Array.from(e[0]), max);
          if (d <= max) found.push({ word: e[0], d: d, records: e[1] });
        });
      });
      found.sort(function (a, b) { return a.d - b.d || b.records - a.records || compare(a.word, b.word); });
      return found.slice(0, limit || 3).map(function (f) { return f.word; });
    });
  };

  // Resolves with a Map record -> [url, title path, text, kind].
  Engine.prototype.records = function (ids) {
    var self = this, starts = this.chunkStarts, need = new Map();
    ids.forEach(function (id) {
      var lo = 0, hi = starts.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= id) lo = mid; else hi = mid - 1; }
      need.set("r" + self.m.chunk_ids[lo], true);
    });
    return Promise.all(Array.from(need.keys()).map(load)).then(function (loaded) {
      var out = new Map();
      loaded.forEach(function (c) {
        // The chunk starts at place c.first[1] of group c.first[0]: its first group is counted from there.
        var offsets = groupOffsets(c.sizes), g = 0;
        c.records.forEach(function (r, i) {
          while (offsets[g + 1] <= i) g++;
          var page = c.pages[r[0]], place = i - offsets[g] + (g === 0 ? c.first[1] : 0);
          out.set((c.first[0] + g) * self.stride + place, [page[0] + r[1], (page[1] === null ? [] : [page[1]]).concat(r[2]), r[3], r[4]]);
        });
      });
      return out;
    });
  };

  // The id and label of a record's kind, from the number a record chunk gives.
  Engine.prototype.kind = function (k) { return this.m.kinds[k] || ["", ""]; };

  // Loads the labels and the facets of records `ids` (only the files not loaded yet).
  Engine.prototype.loadFacets = function (ids) {
    var self = this, size = this.m.facets, need = new Set();
    ids.forEach(function (id) { var f = Math.floor(Math.floor(id / self.stride) / size); if (!self.facetFiles.has(f)) need.add(f); });
    var wanted = Array.from(need).map(function (f) {
      return load("f" + f).then(function (d) {
        self.facetFiles.set(f, { first: d.first, offsets: groupOffsets(d.sizes), profiles: d.profiles, rp: unpack(d.rp) });
      });
    });
    if (!this.labels) wanted.push(load("labels").then(function (l) { self.labels = l; }));
    return Promise.all(wanted).then(function () { return self; });
  };

  // Facets of a record: {kind, year, org, themes} as ids ("" when none). REQUIRES: loadFacets of it.
  Engine.prototype.facets = function (rec) {
    var m = this.m, l = this.labels, group = Math.floor(rec / this.stride);
    var file = this.facetFiles.get(Math.floor(group / m.facets));
    var p = file.profiles[file.rp[file.offsets[group - file.first] + rec % this.stride]];
    return {
      kind: m.kinds[p[0]] ? m.kinds[p[0]][0] : "",
      year: p[1] ? String(p[1]) : "",
      org: p[2] >= 0 ? l.orgs[p[2]][0] : "",
      themes: p[3].map(function (t) { return l.themes[t][0]; })
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
        if (m.format !== 4) throw new Error("search/manifest.js is of an unknown format: " + m.format);
        return new Engine(m);
      });
      enginePromise.catch(function () { enginePromise = null; });
    }
    return enginePromise;
  }

  // For tests and for other scripts: the engine, once the manifest is loaded.
  window.passageSearch = { engine: engine, Folder: Folder, compare: compare, root: ROOT };
})();
