// Score page: small helpers around htmx's row saves. No inline handlers (CSP); all optional:
// without JavaScript the page still works with the "Lưu tất cả" button.
(function () {
  "use strict";

  // Texts come translated from the page (#scoring-texts data attributes).
  var texts = document.getElementById("scoring-texts");
  function text(name) { return texts ? texts.getAttribute("data-" + name) : ""; }

  function rowOf(el) { return el && el.closest ? el.closest(".score-row") : null; }

  function markInvalid(row) {
    var status = row.querySelector(".row-status-text");
    var field = status ? status.getAttribute("data-error-field") : "";
    row.querySelectorAll(".score-value, .score-note").forEach(function (input) {
      var bad = (field === "value" && input.classList.contains("score-value")) ||
                (field === "note" && input.classList.contains("score-note"));
      input.classList.toggle("is-invalid", bad);
      input.setAttribute("aria-invalid", bad ? "true" : "false");
    });
    row.classList.toggle("border-danger", !!(status && status.querySelector(".text-danger")));
    return field;
  }

  // Typing marks the row as not saved yet, so nobody leaves believing it is.
  document.addEventListener("input", function (event) {
    var row = rowOf(event.target);
    if (!row || !event.target.matches(".score-value, .score-note")) { return; }
    var status = row.querySelector(".row-status-text");
    if (status) { status.textContent = text("unsaved"); status.className = "row-status-text text-warning"; }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var row = rowOf(target);
    // After an outerHTML swap (a conflict) the target is the old, detached row: find the new one.
    if (row && !row.isConnected) { row = document.getElementById(row.id); }
    if (!row) { return; }
    var field = markInvalid(row);
    // A lower score needs a note: take the user to it, unless they already moved to another row.
    var active = document.activeElement;
    if (field === "note" && (!active || active === document.body || row.contains(active))) {
      row.querySelector(".score-note").focus();
    }
  });

  // The network failed: keep what the user typed and say so in the row.
  function failed(event) {
    var row = rowOf(event.detail.elt);
    var status = row ? row.querySelector(".row-status-text") : null;
    if (status) { status.textContent = text("failed"); status.className = "row-status-text text-danger"; }
  }
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:responseError", failed);

  document.querySelectorAll(".no-js-hint").forEach(function (hint) { hint.hidden = true; });
})();
