// The header's search on a phone: the "Rechercher" link becomes a button that opens the search form under the bar
// and puts the cursor in it. Without this script the link goes to /recherche/, whose page has the same form.
(function () {
  "use strict";
  var toggle = document.querySelector("[data-search-toggle]");
  var form = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!form) return;
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", String(open));
    form.classList.toggle("is-open", open);
    if (open) form.querySelector("input").focus();
  }

  toggle.addEventListener("click", function (event) {
    event.preventDefault();
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  toggle.addEventListener("keydown", function (event) {
    if (event.key === " ") {
      event.preventDefault();
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    }
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && form.classList.contains("is-open")) {
      setOpen(false);
      toggle.focus();
    }
  });
})();
