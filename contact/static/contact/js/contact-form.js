/* The contact form's error summary: focused when the page loads with errors, so that the person hears how many
   errors there are and can follow each link; a link moves the focus to its field (and shows the field's label or
   legend, not just the input). Without this file the summary is still there and its links still jump. */
(function () {
  "use strict";

  function labelOf(field) {
    var fieldset = field.closest("fieldset");
    if (fieldset && fieldset.querySelector("legend")) {
      return fieldset.querySelector("legend");
    }
    return document.querySelector("label[for='" + field.id + "']");
  }

  function init() {
    var summary = document.querySelector("[data-form-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) {
          return;
        }
        event.preventDefault();
        var label = labelOf(field);
        (label || field).scrollIntoView();
        field.focus({ preventScroll: true });
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
