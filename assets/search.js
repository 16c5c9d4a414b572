/* passage search, the interface: results as you type in the search box of every page, the results
   page (search.html?q=...), and the highlighting of the matched words on the page a result leads
   to. The engine (index loading, normalisation, ranking) is search-engine.js, loaded before this. */
(function () {
  "use strict";

  if (!window.passageSearch) return;
  var engine = window.passageSearch.engine;
  var ROOT = window.passageSearch.root;

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
    ".search-hl-bar button{font:inherit;margin-left:.5rem}" +
    ".search-suggest{font-family:var(--sans,sans-serif)}.search-suggest[hidden]{display:none}";

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

  // The result's address, with the words to highlight on the page it leads to.
  function hrefOf(e, record, highlight) {
    var url = record[0], hash = url.indexOf("#"), frag = hash >= 0 ? url.slice(hash) : "";
    var base = hash >= 0 ? url.slice(0, hash) : url;
    var words = e.present(record[1].join(" ") + " " + record[2], highlight);
    return ROOT + base + (words.length ? "?hl=" + encodeURIComponent(words.join(" ")) : "") + frag;
  }

  // The address of the results page for `q`.
  function resultsHref(q) { return ROOT + "search.html?q=" + encodeURIComponent(q); }

  /* Resolves with up to three queries: `q` with the words no record has (r.missing) replaced by
     words of the index near them; the choices are those for the first word that has some, every
     other word taking its nearest. None when no word lacks hits or none has a near word. */
  function corrections(e, q, r) {
    if (!r.missing || !r.missing.length) return Promise.resolve([]);
    return Promise.all(r.missing.map(function (t) { return e.suggest(t.word, 3); })).then(function (lists) {
      var first = -1;
      lists.forEach(function (l, i) { if (first < 0 && l.length) first = i; });
      if (first < 0) return [];
      return lists[first].map(function (choice) {
        var out = q;
        for (var i = r.missing.length - 1; i >= 0; i--) {
          var t = r.missing[i], w = i === first ? choice : lists[i][0];
          if (w) out = out.slice(0, t.begin) + w + out.slice(t.end);
        }
        return out;
      });
    });
  }

  // Fills `item` with a result: a short title (the document's short title and the passage, or the
  // page's title), kind, snippet. Returns its address.
  function fillResult(e, item, rec, record, highlight, snippetWords, titleTag) {
    var href = hrefOf(e, record, highlight);
    // An option of a listbox holds no link (nested interactive content): the option itself opens
    // the result (Combobox's click and Enter), by its data-href.
    var title = el("span", "result-title");
    appendPieces(title, e.snippet(record[1].join(", "), highlight, 1000));
    item.appendChild(title);
    item.appendChild(el("span", "result-kind", e.kind(record[3])[1]));
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
              var all = el("li", "search-option search-all", "All " + (r.total === null ? "" : r.total + " ") + "results for \u201c" + q + "\u201d");
              all.setAttribute("data-href", resultsHref(q));
              list.appendChild(all);
              items.push(all);
            }
            status.textContent = r.hits.length ? "" : messageFor(q, r, 0);
            return corrections(e, q, r).then(function (better) {
              if (!current()) return;
              better.forEach(function (b) {
                var li = el("li", "search-option search-suggest", "Did you mean \u201c" + b + "\u201d?");
                li.setAttribute("data-href", resultsHref(b));
                list.appendChild(li);
                items.push(li);
              });
              cb.setOptions(items);
              list.setAttribute("data-query", q);
              if (document.activeElement === input) cb.open();
            });
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
    // "Did you mean": links to the results of the query with a word it lacks replaced.
    var suggest = el("p", "search-suggest");
    suggest.id = "search-suggest";
    suggest.hidden = true;
    suggest.setAttribute("aria-live", "polite");
    status.parentNode.insertBefore(suggest, status.nextSibling);
    function showSuggestions(better) {
      suggest.textContent = "";
      suggest.hidden = !better.length;
      if (!better.length) return;
      suggest.appendChild(document.createTextNode("Did you mean "));
      better.forEach(function (b, i) {
        if (i) suggest.appendChild(document.createTextNode(i === better.length - 1 ? " or " : ", "));
        var a = el("a", "", "\u201c" + b + "\u201d");
        a.href = resultsHref(b);
        suggest.appendChild(a);
      });
      suggest.appendChild(document.createTextNode("?"));
    }
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
        else if (key === "theme") values = e.labels.themes;
        else if (key === "org") values = e.labels.orgs.slice().sort(function (a, b) { return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; });
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
        showSuggestions([]);
        cb.setOptions([]);
        status.textContent = "Type a word or a phrase: results appear as you type.";
        if (filtersBox) filtersBox.hidden = true;
        if (more) more.hidden = true;
        return;
      }
      if (!isLoaded()) status.textContent = "Loading the search index\u2026";
      engineLoaded().then(function (e) {
        return (last && last.q === q ? Promise.resolve(last.r) : e.search(q, { complete: true })).then(function (r) {
          last = { q: q, r: r };
          // The facets of every hit, for the filters' counts (and to apply a filter).
          return e.loadFacets(r.hits.map(function (h) { return h.record; })).then(function () { return r; });
        }).then(function (r) {
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
            return corrections(e, q, r).then(function (better) { if (current()) showSuggestions(better); });
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
