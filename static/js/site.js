/* CAI Namur — navigation enhancements. Everything works without this file: without it, every menu link
   stays visible. Loaded in <head> so that the "js" class is set before the page is painted. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function setExpanded(button, expanded) {
    var target = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
    if (target) {
      target.classList.toggle("is-open", expanded);
    }
  }

  function closeSubmenus(except) {
    document.querySelectorAll(".menu__toggle[aria-expanded='true']").forEach(function (button) {
      if (button !== except) {
        setExpanded(button, false);
      }
    });
  }

  function init() {
    var menuButton = document.querySelector(".menu-button");
    var toggles = document.querySelectorAll(".menu__toggle");

    if (menuButton) {
      menuButton.addEventListener("click", function () {
        setExpanded(menuButton, menuButton.getAttribute("aria-expanded") !== "true");
      });
    }

    toggles.forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        closeSubmenus(button);
        setExpanded(button, open);
      });
    });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      var openToggle = document.querySelector(".menu__toggle[aria-expanded='true']");
      if (openToggle) {
        setExpanded(openToggle, false);
        openToggle.focus();
        return;
      }
      if (menuButton && menuButton.getAttribute("aria-expanded") === "true") {
        setExpanded(menuButton, false);
        menuButton.focus();
      }
    });

    /* A click outside the menu, or focus leaving an open dropdown's item, closes it. */
    document.addEventListener("click", function (event) {
      if (!event.target.closest(".menu__item--parent")) {
        closeSubmenus(null);
      }
    });
    document.addEventListener("focusin", function (event) {
      var openToggle = document.querySelector(".menu__toggle[aria-expanded='true']");
      if (openToggle && !openToggle.parentNode.contains(event.target)) {
        setExpanded(openToggle, false);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
