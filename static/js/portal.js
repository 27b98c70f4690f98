/* A box that scrolls sideways (a wide table, a matrix) must be reachable with the keyboard
   (WCAG 2.1.1): while it overflows it gets a tab stop and a name taken from its card or table
   (a group, not a landmark: its card already is one). */
(function () {
  "use strict";
  var SELECTOR = ".table-responsive, .chart, [data-scroll-region]";

  function nameOf(box) {
    if (box.getAttribute("aria-label")) return box.getAttribute("aria-label");
    var caption = box.querySelector("caption");
    var card = box.closest(".card, section");
    var heading = card && card.querySelector(".card-header, h2, h3");
    var text = (caption || heading || {}).textContent || document.title;
    return text.replace(/\s+/g, " ").trim();
  }

  /* A visible cue above a box that scrolls sideways, so nobody takes its first columns for all. */
  function hint(box, show) {
    var cue = box.previousElementSibling;
    var has = cue && cue.classList.contains("scroll-hint");
    var text = document.documentElement.getAttribute("data-scroll-hint");
    if (show && !has && text) {
      cue = document.createElement("p");
      cue.className = "scroll-hint small mb-1";
      cue.setAttribute("aria-hidden", "true");
      cue.textContent = "↔ " + text;
      box.parentNode.insertBefore(cue, box);
    } else if (!show && has) {
      cue.remove();
    }
  }

  function mark(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", nameOf(box));
      box.dataset.scrollRegion = "auto";
    } else if (!scrolls && box.dataset.scrollRegion === "auto") {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      delete box.dataset.scrollRegion;
    }
    hint(box, scrolls);
  }

  function markAll() {
    document.querySelectorAll(SELECTOR).forEach(mark);
  }

  /* A table that stacks on a phone (.table-stack-sm): each cell not yet labelled is named by its
     column's heading; the first cell (the row's name) and the action column stay unlabelled. */
  function labelCells(table) {
    var heads = table.querySelectorAll("thead th");
    if (!heads.length) return;
    var names = Array.prototype.map.call(heads, function (th) {
      return th.querySelector(".visually-hidden") ? "" : th.textContent.replace(/\s+/g, " ").trim();
    });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var cells = row.children;
      if (cells.length !== names.length) return;
      for (var i = 1; i < cells.length; i++) {
        if (names[i] && !cells[i].hasAttribute("data-label")) cells[i].setAttribute("data-label", names[i]);
      }
    });
  }

  document.querySelectorAll("table.table-stack-sm").forEach(labelCells);
  markAll();
  window.addEventListener("resize", markAll);
  document.addEventListener("htmx:afterSettle", markAll);
  document.addEventListener("toggle", markAll, true);
})();

/* File inputs in the portal's language (includes/file_picker.html): the browser's own input is
   hidden but stays the focusable control; its label is the "Chọn tệp" button and the chosen
   file's name shows beside it. */
(function () {
  "use strict";

  function enhance(picker) {
    if (picker.dataset.ready) return;
    var input = picker.querySelector("input[type=file]");
    var button = picker.querySelector(".file-picker-button");
    var name = picker.querySelector(".file-picker-name");
    if (!input || !button || !name) return;
    picker.dataset.ready = "1";
    input.classList.add("file-picker-input");
    button.hidden = false;
    name.hidden = false;
    input.addEventListener("change", function () {
      var files = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
      name.textContent = files.length ? files.join(", ") : name.getAttribute("data-empty");
    });
  }

  function enhanceAll(root) {
    (root || document).querySelectorAll(".file-picker").forEach(enhance);
  }

  enhanceAll(document);
  document.addEventListener("htmx:afterSettle", function (event) { enhanceAll(event.detail.elt); });
})();

