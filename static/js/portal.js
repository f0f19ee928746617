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

  // A report being built: read the page again every few seconds and put its state section in
  // place of this one; once the run has finished (the new section no longer polls), load the
  // page once to show its downloads. The link that refreshes the page without JavaScript
  // becomes a button that stops and restarts the updates (WCAG 2.2.2).
  var runState = document.querySelector("[data-poll-seconds]");
  if (runState && window.fetch && window.DOMParser) {
    var seconds = parseInt(runState.getAttribute("data-poll-seconds"), 10) || 5;
    var timer = null;
    var poll = function () {
      fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("run-state");
          if (!fresh || !fresh.hasAttribute("data-poll-seconds")) {
            window.location.reload();
            return;
          }
          var now = document.getElementById("run-state");
          now.querySelector("[role=status]").replaceWith(fresh.querySelector("[role=status]"));
        })
        .catch(function () { /* a missed reading: the next one tries again */ });
    };
    var toggle = runState.querySelector("[data-poll-toggle]");
    var button = document.createElement("button");
    button.type = "button";
    button.setAttribute("aria-pressed", "false");
    button.textContent = runState.getAttribute("data-stop-label") || toggle.textContent;
    var start = function () { timer = window.setInterval(poll, seconds * 1000); button.setAttribute("aria-pressed", "false"); button.textContent = runState.getAttribute("data-stop-label"); };
    var stop = function () { window.clearInterval(timer); timer = null; button.setAttribute("aria-pressed", "true"); button.textContent = runState.getAttribute("data-start-label"); };
    button.addEventListener("click", function () { if (timer) { stop(); } else { start(); } });
    toggle.replaceWith(button);
    start();
  }

  // Filter a list: a text box above a long group of options narrows it to those whose label
  // holds the words typed (an actor's code or name, a minister's title). The box has no name,
  // so that it never reaches the address.
  Array.prototype.forEach.call(document.querySelectorAll("fieldset[data-narrow]"), function (group, index) {
    var options = group.querySelector(".facet-options");
    if (!options) {
      return;
    }
    var box = document.createElement("div");
    box.className = "narrow-box";
    var label = document.createElement("label");
    label.htmlFor = "narrow-" + index;
    label.textContent = group.getAttribute("data-narrow");
    var input = document.createElement("input");
    input.type = "search";
    input.id = "narrow-" + index;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", options.id = options.id || "facet-options-" + index);
    box.appendChild(label);
    box.appendChild(input);
    options.parentNode.insertBefore(box, options);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(options.querySelectorAll(".choice"), function (choice) {
        var text = choice.textContent.toLowerCase();
        choice.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
    // Enter in the box narrows; it does not submit the form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  });

  // On a phone the filter panel folds behind a button, so that the results come first into
  // view; without the script (or on a wide screen) it is always open.
  var panel = document.querySelector("form[data-show-label]");
  var panelBody = panel && panel.querySelector(".filter-panel-body");
  if (panelBody && window.matchMedia("(max-width: 59.99em)").matches) {
    var panelToggle = document.createElement("button");
    panelToggle.type = "button";
    panelToggle.className = "filter-toggle";
    panelToggle.setAttribute("aria-controls", panelBody.id);
    var showPanel = function (open) {
      panelBody.hidden = !open;
      panelToggle.setAttribute("aria-expanded", String(open));
      panelToggle.textContent = panel.getAttribute(open ? "data-hide-label" : "data-show-label");
    };
    panelToggle.addEventListener("click", function () {
      showPanel(panelBody.hidden);
    });
    panelBody.parentNode.insertBefore(panelToggle, panelBody);
    showPanel(false);
  }

  // A shareable address: the filter form leaves out the fields left blank (the server
  // redirects such an address to its clean form when this script does not run).
  Array.prototype.forEach.call(document.querySelectorAll("form[data-clean-query]"), function (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (field) {
        if (field.name && !field.disabled && field.value.trim() === "") {
          field.disabled = true;
          field.setAttribute("data-blank", "");
        }
      });
    });
    // Back to this page from the results (the browser's page cache): the fields work again.
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(form.querySelectorAll("[data-blank]"), function (field) {
        field.disabled = false;
        field.removeAttribute("data-blank");
      });
    });
  });
})();
