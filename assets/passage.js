/* passage: small progressive enhancements. Everything works without this file. */
(function () {
  "use strict";

  var root = document.documentElement;

  /* The theme: the system's unless the reader chose with the toggle of the header; the choice is
     kept in localStorage (the layout's first script applies it before the first paint). Storage may
     be refused (file:// in some browsers, private windows): the toggle still works for the page. */
  var toggle = document.querySelector(".theme-toggle");
  var darkMedia = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function isDark() {
    var t = root.getAttribute("data-theme");
    return t ? t === "dark" : !!(darkMedia && darkMedia.matches);
  }
  function syncToggle() { toggle.setAttribute("aria-pressed", isDark() ? "true" : "false"); }
  if (toggle) {
    syncToggle();
    toggle.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { window.localStorage.setItem("passage-theme", next); } catch (e) { /* not kept: fine */ }
      syncToggle();
    });
    if (darkMedia && darkMedia.addEventListener) darkMedia.addEventListener("change", syncToggle);
  }

  /* Previews of links: on hover, on keyboard focus and on a first tap (a second tap follows the
     link), a box beside the link (role=tooltip, described by the link) with what it leads to: a
     note or a passage of this page (from the page itself), or an entity or a passage of another
     page (from the preview file beside that page, "<folder>/<id>.preview.js", loaded once by a
     <script>, which file:// allows). Escape closes it; the pointer may move onto it. */
  var script = document.currentScript;
  var siteRoot = script && script.src ? script.src.replace(/assets\/[^\/]*$/, "") : "";
  var passages = {}, waiting = {};
  var preview = null, owner = null, timer = 0;
  var skip = ".toc, .pilcrow, .anchor, .footnote-back, .back-to-top, .cite-panel, .fn-preview, .prev-next, .pager";

  window.passagePreviews = function (path, data) {
    passages[path] = data;
    var list = waiting[path] || [];
    delete waiting[path];
    for (var i = 0; i < list.length; i++) list[i]();
  };
  function loadPassages(path, then) {
    if (passages[path]) return then();
    if (waiting[path]) return waiting[path].push(then);
    waiting[path] = [then];
    var s = document.createElement("script");
    s.src = siteRoot + path.replace(/\.html$/, ".preview.js");
    s.onerror = function () { window.passagePreviews(path, {}); };
    document.head.appendChild(s);
  }

  function decoded(s) { try { return decodeURIComponent(s); } catch (e) { return s; } }
  function here(id) {
    var el = document.getElementById(id);
    return el && el.matches(".np, .pp, .footnote, h2, h3, h4, h5, h6, .h7") ? { here: el } : null;
  }
  // What a link previews: {note}, {here: element}, {path, anchor}, or null.
  function previewOf(a) {
    if (!a || !a.closest("main") || a.closest(skip) || document.body.classList.contains("kind-search")) return null;
    var href = a.getAttribute("href") || "";
    if (a.closest(".fnref")) return { note: document.getElementById(href.slice(1)) };
    if (href.charAt(0) === "#") return here(decoded(href.slice(1)));
    if (!siteRoot) return null;
    var url = a.href.split("#")[0], anchor = decoded(a.hash.slice(1));
    if (url === location.href.split("#")[0]) return here(anchor);
    if (url.indexOf(siteRoot) !== 0) return null;
    var path = url.slice(siteRoot.length);
    return /^(documents|instruments|organizations|recommendations|themes|annotations)\/[^\/]+\.html$/.test(path)
      ? { path: path, anchor: anchor } : null;
  }
  function linkOf(node) {
    var a = node && node.closest ? node.closest("a[href]") : null;
    return previewOf(a) ? a : null;
  }

  function add(parent, tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    parent.appendChild(el);
    return el;
  }
  function clip(text, max) {
    text = text.replace(/\s+/g, " ").trim();
    return text.length > max ? text.slice(0, text.lastIndexOf(" ", max) > max / 2 ? text.lastIndexOf(" ", max) : max) + "\u2026" : text;
  }
  // The text of a passage of this page, without its marks, buttons and margin.
  function textOf(el) {
    var copy = el.cloneNode(true);
    var extra = copy.querySelectorAll(".pilcrow, .anchor, .cite-button, .cite-panel, .margin-note, .cited-by, .fnref, .footnote-back");
    for (var i = 0; i < extra.length; i++) extra[i].remove();
    return copy.textContent;
  }

  function fill(box, link, what) {
    if (what.note) {
      var body = (what.note.querySelector(".footnote-body") || what.note).cloneNode(true);
      var ids = body.querySelectorAll("[id]");
      for (var i = 0; i < ids.length; i++) ids[i].removeAttribute("id");
      add(box, "span", "fn-preview-label", "Note " + (link.getAttribute("data-fn") || link.textContent) + ".");
      while (body.firstChild) box.appendChild(body.firstChild);
      return;
    }
    var label, text, data = what.path ? passages[what.path] || {} : null;
    var passage = data && data.passages && data.passages[what.anchor];
    if (data && !passage) {  // the page as a whole: an entity's summary and key facts
      if (!data.title) return;
      add(box, "span", "preview-kind", data.kind);
      add(box, "span", "preview-title", data.title);
      if (data.facts && data.facts.length) {
        var ul = add(box, "ul", "preview-facts");
        for (var k = 0; k < data.facts.length; k++) add(ul, "li", "", data.facts[k]);
      }
      if (data.text) add(box, "p", "", data.text);
      return;
    }
    if (what.here) {
      var el = what.here, heading = el.matches("h2, h3, h4, h5, h6, .h7");
      label = heading ? textOf(el).trim() : el.classList.contains("footnote") ? "Note " + el.id.slice(3) : passageLabel(el);
      if (heading) {
        var next = el.nextElementSibling;
        while (next && !next.matches(".np, .pp, p")) next = next.nextElementSibling;
        text = next ? textOf(next) : "";
      } else {
        text = textOf(el);
      }
      add(box, "span", "preview-kind", "This text");
    } else {
      add(box, "span", "preview-kind", data.title);
      label = passage[0];
      text = passage[1];
    }
    add(box, "span", "preview-title", label);
    if (text) add(box, "p", "", clip(text, 420));
  }

  function hide() {
    clearTimeout(timer);
    if (preview) { preview.remove(); preview = null; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }

  function show(link) {
    clearTimeout(timer);
    if (link === owner) return;
    var what = previewOf(link);
    if (!what || (what.note === null)) return;
    hide();
    owner = link;
    if (what.path && !passages[what.path]) {
      loadPassages(what.path, function () { if (owner === link && !preview) { owner = null; show(link); } });
      return;
    }
    var box = document.createElement("div");
    box.className = "fn-preview";
    box.id = "fn-preview";
    box.setAttribute("role", "tooltip");
    fill(box, link, what);
    if (!box.firstChild) { owner = null; return; }
    if (tapped && !what.note) add(box, "p", "preview-hint", "Tap the link again to open it.");
    preview = box;
    document.body.appendChild(box);
    var r = link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left - 20, width - box.offsetWidth - 8));
    box.style.left = (window.scrollX + left) + "px";
    box.style.top = (window.scrollY + r.bottom + 4) + "px";
    link.setAttribute("aria-describedby", "fn-preview");
  }

  // A touch: the first tap on a link previews it, the second (its preview open) follows it.
  var touchAt = 0, tapped = false, openBefore = false, hovering = 0;
  document.addEventListener("pointerdown", function (e) {
    tapped = e.pointerType === "touch" || e.pointerType === "pen";
    if (!tapped) return;
    touchAt = Date.now();
    var a = linkOf(e.target);
    openBefore = !!(a && a === owner && preview);
    if (!a && preview && !preview.contains(e.target)) hide();
  });
  document.addEventListener("click", function (e) {
    if (!tapped || e.detail === 0 || Date.now() - touchAt > 1500) return;
    var a = linkOf(e.target);
    if (!a || openBefore) return;
    e.preventDefault();
    show(a);
  });
  document.addEventListener("mouseover", function (e) {
    if (tapped && Date.now() - touchAt < 1500) return;  // the mouse events a tap brings
    if (preview && preview.contains(e.target)) { clearTimeout(timer); return; }
    var a = linkOf(e.target);
    clearTimeout(hovering);
    if (a === owner) clearTimeout(timer);
    // A moment's rest on the link opens it, so that a pointer crossing the text opens nothing.
    else if (a) hovering = setTimeout(function () { show(a); }, 150);
  });
  // Leaving the link or the preview closes it after a moment, long enough to cross the gap.
  document.addEventListener("mouseout", function (e) {
    var from = linkOf(e.target);
    if (from && !(e.relatedTarget && from.contains(e.relatedTarget))) clearTimeout(hovering);
    if (!preview || document.activeElement === owner || (tapped && Date.now() - touchAt < 1500)) return;
    var to = e.relatedTarget;
    if (to && (owner.contains(to) || preview.contains(to))) return;
    if (linkOf(e.target) || preview.contains(e.target)) {
      clearTimeout(timer);
      timer = setTimeout(hide, 300);
    }
  });
  document.addEventListener("focusin", function (e) {
    var a = linkOf(e.target);
    if (a) show(a); else hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && preview) hide();
  });

  /* "/" anywhere but in a field: to the search box (the page's own on search.html). */
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var boxes = document.querySelectorAll("input[type=search]");
    var box = boxes[boxes.length - 1];
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });

  /* Citing: a button on each passage of a document, and one for the document, copies a citation in
     plain text (the document, the passage, its address) and shows it with BibTeX and CSL-JSON
     entries to copy. Where the clipboard API is missing or refused (file:// in some browsers), the
     text is selected in its field and copied with execCommand, or left selected for Ctrl+C. */
  function headingText(h) { return textOf(h).replace(/\s+/g, " ").trim(); }
  // "para. 12", "annex, para. 8", "Introduction, para. 3".
  function passageLabel(el) {
    var m = /^(?:(.+)-)?p(\d+)$/.exec(el.id);
    if (m && el.classList.contains("np")) return (m[1] ? m[1] + ", " : "") + "para. " + m[2];
    m = /^(?:(.*)-)?para-(\d+)$/.exec(el.id);
    if (!m) return el.id;
    var h = m[1] && document.getElementById(m[1]);
    return (h ? headingText(h) + ", " : "") + "para. " + m[2];
  }

  var article = document.querySelector("article.document");
  function documentInfo() {
    var info = {};
    var ld = document.querySelector("script[type='application/ld+json']");
    try { info = ld ? JSON.parse(ld.textContent) : {}; } catch (e) { info = {}; }
    var authors = [].concat(info.author || []).map(function (a) { return { name: a.name, person: a["@type"] === "Person" }; });
    var time = article.querySelector(".doc-header time");
    var canonical = document.querySelector("link[rel='canonical']");
    return {
      id: location.pathname.replace(/^.*\//, "").replace(/\.html$/, ""),
      title: info.headline || document.querySelector("h1").textContent, subtitle: info.alternativeHeadline || "",
      authors: authors, date: info.datePublished || "", dateText: time ? time.textContent : info.datePublished || "",
      publisher: info.publisher ? info.publisher.name : "", symbol: info.identifier || "", genre: info.genre || "",
      url: canonical ? canonical.href : location.href.split("#")[0],
    };
  }
  function bibtex(s) { return String(s).replace(/[{}\\]/g, "").replace(/([&%$#_])/g, "\\$1"); }
  function citations(d, el) {
    var label = el ? passageLabel(el) : "", url = d.url + (el ? "#" + el.id : "");
    var names = d.authors.map(function (a) { return a.name; });
    var text = (names.length ? names.join(", ") + ", " : "") + "\u201c" + d.title + "\u201d, " +
               [d.publisher, d.symbol, d.dateText].filter(Boolean).join(", ") + (label ? ", " + label : "") + ". " + url;
    var article = d.genre === "article";
    // BibTeX: special characters escaped (but in the address), an organization as one name.
    var fields = [["title", bibtex(d.title + (d.subtitle ? ": " + d.subtitle : ""))],
                  ["author", d.authors.map(function (a) { return a.person ? bibtex(a.name) : "{" + bibtex(a.name) + "}"; }).join(" and ")],
                  [article ? "journal" : "institution", bibtex(d.publisher)], ["number", bibtex(d.symbol)], ["year", d.date.slice(0, 4)],
                  ["url", url.replace(/[{}]/g, "")], ["note", bibtex(label)]];
    var key = d.id + (el ? "-" + el.id : "");
    var entry = "@" + (article ? "article" : "techreport") + "{" + key + ",\n" + fields.filter(function (f) { return f[1]; })
      .map(function (f) { return "  " + f[0] + " = {" + f[1] + "}"; }).join(",\n") + "\n}";
    var item = { id: key, type: article ? "article-journal" : "report", title: d.title + (d.subtitle ? ": " + d.subtitle : "") };
    if (d.authors.length) item.author = d.authors.map(function (a) {
      var cut = a.name.lastIndexOf(" ");
      return a.person && cut > 0 ? { family: a.name.slice(cut + 1), given: a.name.slice(0, cut) } : { literal: a.name };
    });
    if (d.date) item.issued = { "date-parts": [d.date.split("-").map(Number)] };
    if (d.publisher) item[article ? "container-title" : "publisher"] = d.publisher;
    if (d.symbol) item.number = d.symbol;
    item.URL = url;
    if (label) { item.locator = label; item.label = "paragraph"; }
    return { Text: text, BibTeX: entry, "CSL-JSON": JSON.stringify([item], null, 2) };
  }

  var panel = null, panelButton = null, panelSeq = 0;
  function closePanel(refocus) {
    if (!panel) return;
    panel.remove();
    panelButton.setAttribute("aria-expanded", "false");
    if (refocus) panelButton.focus();
    panel = panelButton = null;
  }
  function copyFrom(area, status) {
    function fallback() {
      area.focus();
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      status.textContent = done ? "Copied to the clipboard." : "Selected: press Ctrl+C (\u2318C on a Mac) to copy.";
    }
    area.focus();
    area.select();
    if (!navigator.clipboard || !navigator.clipboard.writeText || window.isSecureContext === false) return fallback();
    navigator.clipboard.writeText(area.value).then(function () { status.textContent = "Copied to the clipboard."; }, fallback);
  }
  function openPanel(button, el, after) {
    var open = panelButton === button;
    closePanel(false);
    if (open) return;
    var formats = citations(documentInfo(), el);
    var id = "cite-panel-" + ++panelSeq;
    panel = document.createElement("div");
    panel.className = "cite-panel";
    panel.id = id;
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", button.getAttribute("aria-label") || button.textContent);
    var choices = add(panel, "div", "cite-formats");
    var area = document.createElement("textarea");
    area.readOnly = true;
    area.rows = 4;
    area.setAttribute("aria-label", "Citation");
    var actions = document.createElement("p");
    actions.className = "cite-actions";
    var copy = add(actions, "button", "", "Copy");
    var close = add(actions, "button", "", "Close");
    var status = add(actions, "span", "cite-status");
    status.setAttribute("role", "status");
    copy.type = close.type = "button";
    Object.keys(formats).forEach(function (name) {
      var b = add(choices, "button", "", name);
      b.type = "button";
      b.setAttribute("aria-pressed", name === "Text" ? "true" : "false");
      b.addEventListener("click", function () {
        var pressed = choices.querySelectorAll("button");
        for (var i = 0; i < pressed.length; i++) pressed[i].setAttribute("aria-pressed", pressed[i] === b ? "true" : "false");
        area.value = formats[name];
        area.rows = Math.min(12, formats[name].split("\n").length + 1);
        status.textContent = "";
      });
    });
    area.value = formats.Text;
    panel.appendChild(area);
    panel.appendChild(actions);
    copy.addEventListener("click", function () { copyFrom(area, status); });
    close.addEventListener("click", function () { closePanel(true); });
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.stopPropagation(); closePanel(true); }
    });
    after.parentNode.insertBefore(panel, after.nextSibling);
    panelButton = button;
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", id);
    copyFrom(area, status);
  }
  function citeButton(label, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cite-button";
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.setAttribute("aria-expanded", "false");
    return b;
  }
  if (article) {
    var title = article.querySelector(".doc-header h1");
    var line = article.querySelector(".doc-cite");  // its place is kept in the page: nothing moves when it comes
    if (line) {
      var whole = citeButton("Cite this document", "Cite this document");
      line.appendChild(whole);
      whole.addEventListener("click", function () { openPanel(whole, null, line); });
    }
    var cited = article.querySelectorAll(".doc-body .np[id], .doc-body .pp[id]");
    for (var c = 0; c < cited.length; c++) {
      (function (el) {
        var b = citeButton("Cite " + passageLabel(el), "Cite");
        var mark = el.querySelector(".pilcrow");
        el.insertBefore(b, mark ? mark.nextSibling : el.firstChild);
        b.addEventListener("click", function () { openPanel(b, el, el.lastElementChild); });
      })(cited[c]);
    }

    /* A way back to the top at the end of the text (added here: the text's anchors are its own). */
    var back = document.createElement("p");
    back.className = "back-to-top";
    add(back, "a", "", "Back to top").href = "#main";
    article.insertBefore(back, article.querySelector(".prev-next"));

    /* The front matter and the contents fold on a phone, so that the text comes first; they open
       on a wider screen (the contents are the sidebar there) and to print. */
    var folds = article.querySelectorAll(".front-matter, .toc > details");
    var phone = window.matchMedia ? window.matchMedia("(max-width: 40rem)") : null;
    function fold(open) { for (var f = 0; f < folds.length; f++) folds[f].open = open; }
    if (phone && phone.matches) fold(false);
    if (phone && phone.addEventListener) phone.addEventListener("change", function () { fold(!phone.matches); });
    window.addEventListener("beforeprint", function () { fold(true); });

    /* The contents beside the text (wide screens): the section being read is marked. A heading
       counts as passed once its top is above the upper third of the window. */
    var toc = article.querySelector(".toc");
    if (toc && window.IntersectionObserver) {
      var links = toc.querySelectorAll("a[href^='#']"), heads = [], passed = {}, current = null;
      for (var l = 0; l < links.length; l++) {
        var h = document.getElementById(decoded(links[l].getAttribute("href").slice(1)));
        if (h) heads.push({ el: h, link: links[l] });
      }
      var observer = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) passed[entries[i].target.id] = entries[i].isIntersecting;
        var now = null;
        for (var j = 0; j < heads.length; j++) if (passed[heads[j].el.id]) now = heads[j];
        if (now === current) return;
        if (current) current.link.removeAttribute("aria-current");
        current = now;
        if (!current) return;
        current.link.setAttribute("aria-current", "location");
        var top = current.link.offsetTop - toc.offsetTop;
        if (top < toc.scrollTop || top > toc.scrollTop + toc.clientHeight - 40) toc.scrollTop = top - toc.clientHeight / 3;
      }, { rootMargin: "100000px 0px -67% 0px" });
      for (var k = 0; k < heads.length; k++) observer.observe(heads[k].el);
    }
  }

  /* Margin notes on wide screens sit beside their paragraph (the stylesheet places them); when a
     note would run into the one above it, it moves down just enough, and names its paragraph
     ("On ¶18") since it no longer starts beside it. Runs before the first paint (this script ends
     the page) and again when the width changes. */
  var notes = document.querySelectorAll(".np > .margin-note");

  function placeNotes() {
    var bottom = -Infinity;
    for (var i = 0; i < notes.length; i++) {
      var n = notes[i];
      n.style.top = "";
      n.removeAttribute("data-on");
      if (getComputedStyle(n).position !== "absolute") continue;
      var shift = Math.max(0, bottom + 16 - n.getBoundingClientRect().top);
      if (shift) {
        n.style.top = shift + "px";
        if (shift > 24) n.setAttribute("data-on", "On " + n.parentNode.id.replace(/-?p(\d+)$/, " \u00b6$1").trim());
      }
      bottom = n.getBoundingClientRect().bottom;
    }
    // The last notes may reach below the text: the text's box grows so that they do not run into
    // what follows it.
    var body = document.querySelector(".doc-body");
    if (body && bottom > -Infinity) {
      body.style.paddingBottom = "";
      var over = bottom - body.getBoundingClientRect().bottom;
      if (over > 0) body.style.paddingBottom = Math.ceil(over) + "px";
    }
  }

  /* A table wider than the column scrolls sideways: make it reachable by the keyboard too. */
  var tables = document.querySelectorAll(".doc-body table");

  function scrollableTables() {
    for (var i = 0; i < tables.length; i++) {
      var t = tables[i];
      if (t.scrollWidth > t.clientWidth + 1) t.setAttribute("tabindex", "0");
      else t.removeAttribute("tabindex");
    }
  }

  function layout() {
    if (notes.length) placeNotes();
    if (tables.length) scrollableTables();
  }
  layout();
  var lastWidth = window.innerWidth;
  var pending = false;
  window.addEventListener("resize", function () {
    if (pending || window.innerWidth === lastWidth) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      lastWidth = window.innerWidth;
      layout();
    });
  });
})();
