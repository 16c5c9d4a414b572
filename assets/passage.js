/* passage: small progressive enhancements. Everything works without this file. */
(function () {
  "use strict";

  /* Footnote previews: on hover and on keyboard focus of a note reference, show the note's text
     beside it (role=tooltip, described by the link). Escape closes it; the pointer may move onto
     it; the note itself stays at the end of the page, reachable by the link. */
  var preview = null;
  var owner = null;
  var timer = 0;

  function hide() {
    clearTimeout(timer);
    if (preview) { preview.remove(); preview = null; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }

  function show(link) {
    clearTimeout(timer);
    if (link === owner) return;
    var note = document.getElementById(link.getAttribute("href").slice(1));
    if (!note) return;
    hide();
    var body = (note.querySelector(".footnote-body") || note).cloneNode(true);
    var ids = body.querySelectorAll("[id]");
    for (var i = 0; i < ids.length; i++) ids[i].removeAttribute("id");
    preview = document.createElement("div");
    preview.className = "fn-preview";
    preview.id = "fn-preview";
    preview.setAttribute("role", "tooltip");
    var label = document.createElement("span");
    label.className = "fn-preview-label";
    label.textContent = "Note " + (link.getAttribute("data-fn") || link.textContent) + ".";
    preview.appendChild(label);
    while (body.firstChild) preview.appendChild(body.firstChild);
    document.body.appendChild(preview);
    var r = link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left - 20, width - preview.offsetWidth - 8));
    preview.style.left = (window.scrollX + left) + "px";
    preview.style.top = (window.scrollY + r.bottom + 4) + "px";
    owner = link;
    link.setAttribute("aria-describedby", "fn-preview");
  }

  function refOf(node) { return node && node.closest ? node.closest(".fnref a") : null; }

  document.addEventListener("mouseover", function (e) {
    var a = refOf(e.target);
    if (a) show(a);
  });
  // Leaving the reference or the preview closes it after a moment, long enough to cross the gap.
  document.addEventListener("mouseover", function (e) {
    if (preview && preview.contains(e.target)) clearTimeout(timer);
  });
  document.addEventListener("mouseout", function (e) {
    if (!preview || document.activeElement === owner) return;
    var to = e.relatedTarget;
    if (to && (owner.contains(to) || preview.contains(to))) return;
    if (refOf(e.target) || preview.contains(e.target)) {
      clearTimeout(timer);
      timer = setTimeout(hide, 300);
    }
  });
  document.addEventListener("focusin", function (e) {
    var a = refOf(e.target);
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
