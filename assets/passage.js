/* passage: small progressive enhancements. Everything works without this file. */
(function () {
  "use strict";

  /* Footnote previews: on hover and on keyboard focus of a note reference, show the note's text
     beside it. The note itself stays at the end of the page, reachable by the link. */
  var preview = null;
  var owner = null;

  function hide() {
    if (preview) { preview.remove(); preview = null; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }

  function show(link) {
    var id = link.getAttribute("href").slice(1);
    var note = document.getElementById(id);
    if (!note) return;
    hide();
    var body = note.querySelector(".footnote-body");
    preview = document.createElement("div");
    preview.className = "fn-preview";
    preview.id = "fn-preview";
    preview.setAttribute("role", "tooltip");
    preview.innerHTML = (body || note).innerHTML;
    document.body.appendChild(preview);
    var r = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(window.scrollX + r.left - 20, window.scrollX + document.documentElement.clientWidth - preview.offsetWidth - 8));
    preview.style.left = left + "px";
    preview.style.top = (window.scrollY + r.bottom + 6) + "px";
    owner = link;
    link.setAttribute("aria-describedby", "fn-preview");
  }

  document.addEventListener("mouseover", function (e) {
    var a = e.target.closest && e.target.closest(".fnref a");
    if (a) show(a);
  });
  document.addEventListener("mouseout", function (e) {
    var a = e.target.closest && e.target.closest(".fnref a");
    if (a && (!e.relatedTarget || !preview || !preview.contains(e.relatedTarget))) hide();
  });
  document.addEventListener("focusin", function (e) {
    var a = e.target.closest && e.target.closest(".fnref a");
    if (a) show(a); else hide();
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
