/* The portal's one script: small enhancements; every page works the same without it. */
(function () {
  "use strict";

  // A failed submit: move focus to the error summary, so that it is read out and seen first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    // A link in the summary focuses its field and scrolls its label (or legend) into view too.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var input = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!input) {
        return;
      }
      event.preventDefault();
      var group = input.closest("fieldset");
      var label = group ? group.querySelector("legend") : document.querySelector("label[for='" + input.id + "']");
      (label || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }
})();
