// Document page: show a mark's record on click, and bring the linked figure into view.
(function () {
  "use strict";
  var pop = document.getElementById("popover");

  function show(el) {
    if (!pop || !el.dataset.record) return;
    var text;
    try { text = JSON.stringify(JSON.parse(el.dataset.record), null, 2); }
    catch (e) { text = el.dataset.record; }
    pop.querySelector("pre").textContent = text;  // textContent: the record is never HTML
    pop.hidden = false;
    var r = el.getBoundingClientRect();
    var top = Math.min(r.bottom + 6, window.innerHeight - pop.offsetHeight - 8);
    pop.style.top = Math.max(8, top) + "px";
    pop.style.left = Math.max(8, Math.min(r.left, window.innerWidth - pop.offsetWidth - 8)) + "px";
  }

  document.addEventListener("click", function (ev) {
    var close = ev.target.closest(".popover .close");
    if (close) { pop.hidden = true; return; }
    var mark = ev.target.closest(".mark[data-record]");
    if (mark) {
      // the innermost mark under the pointer: a name inside a figure shows the name
      show(mark);
      ev.stopPropagation();
    } else if (pop && !ev.target.closest(".popover")) {
      pop.hidden = true;
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && pop) pop.hidden = true;
    if (ev.key === "Enter" && ev.target.matches && ev.target.matches(".mark[data-record]")) {
      show(ev.target);
    }
  });

  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll(".mark.active").forEach(function (m) {
      m.classList.remove("active");
    });
    if (!id) return;
    var el = document.getElementById(id);
    if (!el || !el.classList.contains("mark")) return;
    el.classList.add("active");
    var sentence = el.closest(".mark-sentence");
    if (sentence && sentence !== el) sentence.classList.add("active");
    el.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", focusTarget);
  // the browser's own jump to the fragment comes after DOMContentLoaded: centre again on load
  window.addEventListener("load", function () { requestAnimationFrame(focusTarget); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusTarget);
  } else {
    focusTarget();
  }
})();
