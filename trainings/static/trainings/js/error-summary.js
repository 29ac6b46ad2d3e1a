// The registration form came back with errors: move the focus to their summary, so that keyboard and screen reader
// users meet the list of errors first; each of its links leads to its field.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
