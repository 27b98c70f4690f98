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

  function inputsOf(row) { return row.querySelectorAll(".score-value, .score-note"); }

  // The status a row shows while its inputs hold the saved values (data-saved, from the server or
  // the last save); a row that came with an error has none, so it stays "Chưa lưu" until saved.
  function rememberStatus(row) {
    var status = row.querySelector(".row-status-text");
    if (status && !status.querySelector(".text-danger")) {
      row.savedStatus = { html: status.innerHTML, className: status.className };
    }
  }

  function remember(row) {
    inputsOf(row).forEach(function (input) { input.dataset.saved = input.value; });
    rememberStatus(row);
  }

  function unchanged(row) {
    return Array.prototype.every.call(inputsOf(row), function (input) {
      return input.value.trim() === (input.dataset.saved || "").trim();
    });
  }

  // Typing marks the row as not saved yet, so nobody leaves believing it is; typing the saved
  // value back puts the saved state back.
  document.addEventListener("input", function (event) {
    var row = rowOf(event.target);
    if (!row || !event.target.matches(".score-value, .score-note")) { return; }
    var status = row.querySelector(".row-status-text");
    if (!status) { return; }
    if (unchanged(row) && row.savedStatus) {
      status.innerHTML = row.savedStatus.html;
      status.className = row.savedStatus.className;
    } else {
      status.textContent = text("unsaved");
      status.className = "row-status-text text-warning";
    }
  });

  // After a refused stale save, "Dùng lại nội dung của tôi" puts what the user typed back and saves it.
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".score-mine-use") : null;
    if (!button) { return; }
    var row = rowOf(button);
    var mine = button.closest(".score-mine");
    var value = row.querySelector(".score-value");
    var note = row.querySelector(".score-note");
    value.value = mine.getAttribute("data-value");
    note.value = mine.getAttribute("data-note");
    value.dispatchEvent(new Event("input", { bubbles: true }));
    value.dispatchEvent(new Event("change", { bubbles: true }));
    value.focus();
  });

  function prepare(row) {
    rememberStatus(row);
    row.querySelectorAll(".score-mine-use").forEach(function (button) { button.hidden = false; });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var row = rowOf(target);
    // After an outerHTML swap (a conflict) the target is the old, detached row: find the new one.
    if (row && !row.isConnected) { row = document.getElementById(row.id); }
    if (!row) { return; }
    var field = markInvalid(row);
    var status = row.querySelector(".row-status-text");
    if (target.id === row.id) {
      prepare(row);  // a conflict: the whole row is new, its inputs hold the values saved meanwhile
    } else if (status && !status.querySelector(".text-danger")) {
      remember(row);  // saved: this is now the row's saved state
    }
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
  document.querySelectorAll(".score-row").forEach(prepare);
})();
