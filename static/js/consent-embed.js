/* CAI Namur — videos that ask first (pages/templates/pages/blocks/video_block.html) and the visitor's choices on
   the privacy policy (pages/templates/pages/blocks/personal_data_block.html).
   Without this script a video is a notice and a link to the host's site. With it, the notice offers a button that
   names the host; nothing is requested from the host until the visitor clicks it: the player's <iframe> waits in an
   inert <template> and is copied into the page only then. A box, « Toujours afficher les vidéos YouTube », remembers
   the choice for that host in localStorage (never a cookie): the host's videos then show at once, on every page,
   until the visitor withdraws the choice on the privacy policy page. The choices are read here, in the browser, so
   the cached page is the same for everyone. The templates add this script once per video: it runs only once. */
(function () {
  "use strict";

  if (window.caiConsentEmbed) {
    return;
  }
  window.caiConsentEmbed = true;

  var VIDEO_PREFIX = "cai-video-consent-";
  var ALWAYS = "toujours";

  /* Storage may be blocked (private modes, strict settings): then nothing is remembered and every video asks. */
  function storageOf(kind) {
    try {
      return kind === "session" ? window.sessionStorage : window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function read(kind, key) {
    var storage = storageOf(kind);
    try {
      return storage ? storage.getItem(key) : null;
    } catch (error) {
      return null;
    }
  }

  function alwaysShows(provider) {
    return read("local", VIDEO_PREFIX + provider) === ALWAYS;
  }

  function rememberAlways(provider) {
    var storage = storageOf("local");
    try {
      if (storage) {
        storage.setItem(VIDEO_PREFIX + provider, ALWAYS);
      }
    } catch (error) {
      /* Not remembered: the next video asks again. */
    }
  }

  function forget(kind, key) {
    var storage = storageOf(kind);
    try {
      if (storage) {
        storage.removeItem(key);
      }
    } catch (error) {
      /* Nothing to withdraw. */
    }
  }

  /* Videos */

  var videos = [];

  function showVideo(entry, focus) {
    if (entry.shown) {
      return;
    }
    entry.shown = true;
    entry.player.appendChild(document.importNode(entry.template.content, true));
    entry.player.hidden = false;
    entry.consent.hidden = true;
    if (focus) {
      /* The button has gone with the notice: focus the player, named by its title, ready for its own keys. */
      var frame = entry.player.querySelector("iframe");
      if (frame) {
        frame.focus();
      }
    }
  }

  function setUpVideo(figure) {
    if (figure.hasAttribute("data-embed-ready")) {
      return;
    }
    figure.setAttribute("data-embed-ready", "");
    var entry = {
      provider: figure.getAttribute("data-consent-embed"),
      consent: figure.querySelector("[data-embed-consent]"),
      actions: figure.querySelector("[data-embed-actions]"),
      button: figure.querySelector("[data-embed-load]"),
      remember: figure.querySelector("[data-embed-remember]"),
      player: figure.querySelector("[data-embed-player]"),
      template: figure.querySelector("template[data-embed-template]"),
      shown: false
    };
    if (!entry.provider || !entry.consent || !entry.actions || !entry.button || !entry.player ||
        !entry.template || !entry.template.content) {
      return;
    }
    videos.push(entry);
    entry.button.addEventListener("click", function () {
      if (entry.remember && entry.remember.checked) {
        rememberAlways(entry.provider);
        /* The visitor accepts this host for every video: the page's other videos from it show too. */
        videos.forEach(function (other) {
          if (other.provider === entry.provider) {
            showVideo(other, other === entry);
          }
        });
      } else {
        showVideo(entry, true);
      }
    });
    if (alwaysShows(entry.provider)) {
      showVideo(entry, false);
    } else {
      entry.actions.hidden = false;
    }
  }

  /* The choices on the privacy policy page */

  function setUpSettings(section) {
    if (section.hasAttribute("data-consent-ready")) {
      return;
    }
    section.setAttribute("data-consent-ready", "");
    var withJs = section.querySelector("[data-consent-js]");
    var withoutJs = section.querySelector("[data-consent-nojs]");
    var none = section.querySelector("[data-consent-none]");
    var status = section.querySelector("[data-consent-status]");
    var choices = Array.prototype.slice.call(section.querySelectorAll("[data-consent-choice]"));
    if (!withJs || !none || !status) {
      return;
    }

    function isStored(choice) {
      return read(choice.getAttribute("data-consent-storage"), choice.getAttribute("data-consent-choice")) !== null;
    }

    function refresh() {
      var stored = 0;
      choices.forEach(function (choice) {
        choice.hidden = !isStored(choice);
        if (!choice.hidden) {
          stored += 1;
        }
      });
      none.hidden = stored > 0;
    }

    choices.forEach(function (choice) {
      var button = choice.querySelector("[data-consent-withdraw]");
      if (!button) {
        return;
      }
      button.addEventListener("click", function () {
        forget(choice.getAttribute("data-consent-storage"), choice.getAttribute("data-consent-choice"));
        refresh();
        status.textContent = choice.getAttribute("data-consent-withdrawn");
        /* The button has gone with its line: the focus goes to the message that says what was done. */
        status.focus();
      });
    });

    refresh();
    withJs.hidden = false;
    if (withoutJs) {
      withoutJs.hidden = true;
    }
  }

  function init() {
    document.querySelectorAll("[data-consent-embed]").forEach(setUpVideo);
    document.querySelectorAll("[data-consent-settings]").forEach(setUpSettings);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
