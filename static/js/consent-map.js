/* CAI Namur — maps that ask first (templates/components/map.html).
   Without this script the section is a list of addresses with links to openstreetmap.org. With it, a map
   section that has markers offers a button; nothing is requested from another origin until the visitor clicks
   it. Then Leaflet (our own copy, static/vendor/leaflet/) is loaded and the OpenStreetMap tiles are shown.
   The choice is remembered in sessionStorage (never a cookie) until the tab is closed; it is read here, in the
   browser, so the cached page is the same for everyone. Every map on the page shows once the visitor agrees.
   The template adds this script once per map: it runs only once per page. */
(function () {
  "use strict";

  if (window.caiConsentMap) {
    return;
  }
  window.caiConsentMap = true;

  var STORAGE_KEY = "cai-map-consent";
  var CONSENT_VALUE = "osm";
  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var ATTRIBUTION = "© <a href=\"https://www.openstreetmap.org/copyright\">Contributeurs OpenStreetMap</a>";
  var SINGLE_POINT_ZOOM = 16;
  var COLOR_LINE = "#073f4f";
  var COLOR_FILL = "#a8420d";

  var maps = [];
  var leaflet = { state: "idle", callbacks: [] };

  /* Storage may be blocked (private modes, strict settings): then the choice lasts for this page only. */
  function storedConsent() {
    try {
      return window.sessionStorage.getItem(STORAGE_KEY) === CONSENT_VALUE;
    } catch (error) {
      return false;
    }
  }

  function storeConsent() {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, CONSENT_VALUE);
    } catch (error) {
      /* Not remembered: the next page asks again. */
    }
  }

  /* Loads leaflet.css and leaflet.js once for the whole page, then calls back with true (ready) or false. */
  function loadLeaflet(cssUrl, jsUrl, callback) {
    if (leaflet.state === "ready") {
      callback(true);
      return;
    }
    leaflet.callbacks.push(callback);
    if (leaflet.state === "loading") {
      return;
    }
    leaflet.state = "loading";

    var pending = 0;
    var failed = false;
    function finish() {
      var ready = !failed && Boolean(window.L);
      leaflet.state = ready ? "ready" : "idle"; /* after a failure, a later click tries again */
      var callbacks = leaflet.callbacks;
      leaflet.callbacks = [];
      callbacks.forEach(function (fn) { fn(ready); });
    }
    function load(element) {
      pending += 1;
      element.onload = function () {
        pending -= 1;
        if (!pending) { finish(); }
      };
      element.onerror = function () {
        element.parentNode.removeChild(element);
        failed = true;
        pending -= 1;
        if (!pending) { finish(); }
      };
      document.head.appendChild(element);
    }

    /* What an earlier, half-failed attempt did load stays. */
    if (!document.querySelector("link[data-leaflet]")) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = cssUrl;
      link.setAttribute("data-leaflet", "");
      load(link);
    }
    if (!window.L) {
      var script = document.createElement("script");
      script.src = jsUrl;
      load(script);
    }
    if (!pending) {
      finish();
    }
  }

  function popupContent(marker) {
    var box = document.createElement("div");
    var name;
    if (marker.url) {
      name = document.createElement("a");
      name.href = marker.url;
    } else {
      name = document.createElement("strong");
    }
    name.textContent = marker.name;
    box.appendChild(name);
    if (marker.address) {
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(marker.address));
    }
    return box;
  }

  function buildMap(entry) {
    var section = entry.section;
    var canvas = entry.canvas;
    canvas.hidden = false;

    var map = window.L.map(canvas, {
      scrollWheelZoom: false, /* the page keeps scrolling under the mouse wheel; zoom with the buttons or keys */
      zoomControl: false
    });
    window.L.control.zoom({ zoomInTitle: "Zoom avant", zoomOutTitle: "Zoom arrière" }).addTo(map);
    /* The site's Referrer-Policy (same-origin) would send the tile server nothing; OpenStreetMap's tile policy asks
       web maps for a Referer: the tiles alone send the site's origin (never the page's address). */
    window.L.tileLayer(TILES, {
      maxZoom: 19,
      attribution: ATTRIBUTION,
      referrerPolicy: "strict-origin-when-cross-origin"
    }).addTo(map);

    /* Leaflet's popups are up to 300px wide: narrower on a phone, so that they fit beside the zoom buttons. */
    var popup = {
      maxWidth: Math.max(140, Math.min(300, canvas.clientWidth - 100)),
      autoPanPaddingTopLeft: [48, 12]
    };
    var latLngs = entry.markers.map(function (marker) {
      var latLng = [marker.lat, marker.lon];
      window.L.circleMarker(latLng, {
        radius: 9,
        color: COLOR_LINE,
        weight: 3,
        fillColor: COLOR_FILL,
        fillOpacity: 0.9
      }).bindPopup(popupContent(marker), popup).addTo(map);
      return latLng;
    });
    if (latLngs.length === 1) {
      map.setView(latLngs[0], SINGLE_POINT_ZOOM);
    } else {
      map.fitBounds(latLngs, { padding: [32, 32], maxZoom: SINGLE_POINT_ZOOM });
    }

    /* Leaflet makes the container focusable (tabindex 0) for its keyboard panning; give it a name. */
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", section.getAttribute("data-map-label") || "Carte");
    if (entry.help) {
      canvas.setAttribute("aria-describedby", entry.help.id);
    }
    /* Leaflet names its popup close button in English. */
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) {
        close.setAttribute("aria-label", "Fermer");
        close.title = "Fermer";
      }
    });

    entry.consent.hidden = true;
    if (entry.status) {
      entry.status.hidden = false;
    }
    entry.map = map;
  }

  function showMaps(focusEntry) {
    var first = maps[0];
    loadLeaflet(first.cssUrl, first.jsUrl, function (ok) {
      maps.forEach(function (entry) {
        if (!ok) {
          entry.consent.hidden = false;
          if (entry.error) {
            entry.error.hidden = false;
          }
          return;
        }
        if (!entry.map) {
          buildMap(entry);
        }
      });
      if (focusEntry && ok) {
        /* The button has gone with the consent text: focus the map, which says what it is. */
        focusEntry.canvas.focus();
      }
    });
  }

  function setUp(section) {
    if (section.hasAttribute("data-map-ready")) {
      return;
    }
    section.setAttribute("data-map-ready", "");
    var data = document.getElementById(section.getAttribute("data-consent-map"));
    var canvas = section.querySelector("[data-map-canvas]");
    var consent = section.querySelector("[data-map-consent]");
    var button = section.querySelector("[data-map-load]");
    if (!data || !section.contains(data) || !canvas || !consent || !button ||
        !section.getAttribute("data-leaflet-js")) {
      return;
    }
    var markers;
    try {
      markers = JSON.parse(data.textContent);
    } catch (error) {
      return;
    }
    if (!markers.length) {
      return;
    }
    var status = section.querySelector("[data-map-status]");
    var entry = {
      section: section,
      canvas: canvas,
      markers: markers,
      consent: consent,
      status: status,
      help: status ? status.querySelector("[id]") : null,
      error: section.querySelector("[data-map-error]"),
      cssUrl: section.getAttribute("data-leaflet-css"),
      jsUrl: section.getAttribute("data-leaflet-js"),
      map: null
    };
    maps.push(entry);
    button.addEventListener("click", function () {
      if (entry.error) {
        entry.error.hidden = true;
      }
      storeConsent();
      showMaps(entry);
    });
  }

  function init() {
    document.querySelectorAll("[data-consent-map]").forEach(setUp);
    if (!maps.length) {
      return;
    }
    if (storedConsent()) {
      showMaps(null);
    } else {
      maps.forEach(function (entry) { entry.consent.hidden = false; });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
