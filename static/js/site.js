/* CAI Namur — theme and navigation enhancements. Everything works without this file: without it, every menu
   link stays visible and the theme follows the system's setting. Loaded in <head>, without defer, so that the "js"
   class and the visitor's chosen theme are set before the page is painted (a static file: no inline script). */
(function () {
  "use strict";

  var root = document.documentElement;
  var THEME_KEY = "cai-theme";
  var narrow = window.matchMedia("(max-width: 59.99em)");
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  root.classList.remove("no-js");
  root.classList.add("js");

  /* The theme: the visitor's choice, kept in localStorage (never a cookie), else the system's. */
  function storedTheme() {
    try {
      var value = window.localStorage.getItem(THEME_KEY);
      return value === "dark" || value === "light" ? value : null;
    } catch (error) {
      return null; /* storage refused (private mode, policy): follow the system */
    }
  }

  function applyTheme(theme) {
    if (theme) {
      root.setAttribute("data-theme", theme);
    } else {
      root.removeAttribute("data-theme");
    }
  }

  function isDark() {
    var theme = root.getAttribute("data-theme");
    return theme ? theme === "dark" : systemDark.matches;
  }

  applyTheme(storedTheme());

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

  function setMenuOpen(menuButton, open) {
    setExpanded(menuButton, open);
    var label = menuButton.querySelector(".menu-button__label");
    if (label) {
      label.textContent = open ? "Fermer" : "Menu";
    }
    var use = menuButton.querySelector("use");
    if (use) {
      var href = use.getAttribute("href");
      use.setAttribute("href", href.replace(/#.*$/, open ? "#x" : "#menu"));
    }
  }

  /* On a phone the sections are accordions, and the current page's section starts open; on a wide screen they are
     drop-downs, all closed. */
  function resetSections() {
    closeSubmenus(null);
    if (narrow.matches) {
      var current = document.querySelector(".menu__toggle[data-current-section]");
      if (current) {
        setExpanded(current, true);
      }
    }
  }

  /* The toggle is in the header on a wide screen and in the menu panel on a phone (one of them is shown). */
  function initTheme() {
    var toggles = document.querySelectorAll(".theme-toggle");
    function render() {
      toggles.forEach(function (toggle) {
        toggle.setAttribute("aria-pressed", isDark() ? "true" : "false");
      });
    }
    toggles.forEach(function (toggle) {
      toggle.addEventListener("click", function () {
        var theme = isDark() ? "light" : "dark";
        applyTheme(theme);
        try {
          window.localStorage.setItem(THEME_KEY, theme);
        } catch (error) {
          /* not remembered, but applied to this page */
        }
        render();
      });
    });
    systemDark.addEventListener("change", render);
    render();
  }

  function init() {
    var menuButton = document.querySelector(".menu-button");
    var toggles = document.querySelectorAll(".menu__toggle");

    initTheme();
    resetSections();
    narrow.addEventListener("change", resetSections);

    if (menuButton) {
      menuButton.addEventListener("click", function () {
        setMenuOpen(menuButton, menuButton.getAttribute("aria-expanded") !== "true");
      });
    }

    toggles.forEach(function (button) {
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        if (!narrow.matches) {
          closeSubmenus(button); /* one drop-down at a time; accordions may stay open together */
        }
        setExpanded(button, open);
      });
    });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      var openToggle = narrow.matches ? null : document.querySelector(".menu__toggle[aria-expanded='true']");
      if (openToggle) {
        setExpanded(openToggle, false);
        openToggle.focus();
        return;
      }
      if (menuButton && menuButton.getAttribute("aria-expanded") === "true") {
        setMenuOpen(menuButton, false);
        menuButton.focus();
      }
    });

    /* On a wide screen, a click outside the menu, or focus leaving an open drop-down's item, closes it. */
    document.addEventListener("click", function (event) {
      if (!narrow.matches && !event.target.closest(".menu__item--parent")) {
        closeSubmenus(null);
      }
    });
    document.addEventListener("focusin", function (event) {
      if (narrow.matches) {
        return;
      }
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
