// The API's documentation page, mended where Swagger UI falls short of the portal's accessibility
// checks (axe-core): until Swagger UI has drawn the resources its box is the page's main landmark, and
// then gives the role up to Swagger UI's own <main>; a parameter's choice list is named after the
// parameter; a scrolling example can be reached with the keyboard.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root) return;
  function mend() {
    if (root.hasAttribute("role") && root.querySelector("main")) root.removeAttribute("role");
    root.querySelectorAll("select:not([aria-label])").forEach(function (select) {
      var row = select.closest("tr[data-param-name]");
      select.setAttribute("aria-label", row ? row.getAttribute("data-param-name") : select.className || "select");
    });
    root.querySelectorAll(".example:not([tabindex]), pre:not([tabindex])").forEach(function (box) {
      box.setAttribute("tabindex", "0");
    });
  }
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
})();
