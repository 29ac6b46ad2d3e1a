/* CAI Namur — "open now" for offices, computed in the visitor's browser.
   Pages are cached whole, so the server cannot say whether an office is open right now. Each page carries the
   office's usual week and the next 30 days that differ from it (holidays, closures, exceptional openings),
   resolved by the rules in offices/hours.py; this script only reads that data at the current moment in
   Europe/Brussels. It mirrors offices.hours.status_at, and the tests run both on the same cases.
   Without this script no status is shown: the week's hours are on the page. */
(function () {
  "use strict";

  var MIDNIGHT = 24 * 60;
  var LOOKAHEAD_DAYS = 14;
  var WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre"];
  var brussels = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });

  function localParts(epochMs) {
    var parts = {};
    brussels.formatToParts(new Date(epochMs)).forEach(function (part) { parts[part.type] = part.value; });
    return {
      day: Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)),
      minutes: Number(parts.hour) * 60 + Number(parts.minute)
    };
  }

  function addDays(day, offset) { return day + offset * 86400000; }
  function isoDate(day) { return new Date(day).toISOString().slice(0, 10); }
  function weekday(day) { return (new Date(day).getUTCDay() + 6) % 7; }

  function parseHHMM(text) {
    var bits = text.split(":");
    return Number(bits[0]) * 60 + Number(bits[1]);
  }

  function formatTime(value) {
    if (value >= MIDNIGHT) { return "minuit"; }
    var mins = value % 60;
    return Math.floor(value / 60) + "h" + (mins < 10 ? "0" : "") + mins;
  }

  function toSlots(list) {
    return list.map(function (slot) { return [parseHHMM(slot[0]), parseHHMM(slot[1])]; });
  }

  function hoursKnown(data) {
    var week = Object.keys(data.week).some(function (key) { return data.week[key].length > 0; });
    var days = Object.keys(data.days).some(function (key) { return data.days[key].slots.length > 0; });
    return week || days;
  }

  function slotsOn(data, day) {
    var entry = data.days[isoDate(day)];
    if (entry) { return { slots: toSlots(entry.slots), reason: entry.reason }; }
    return { slots: toSlots(data.week[String(weekday(day))]), reason: "" };
  }

  function dayLabel(day, today) {
    var offset = Math.round((day - today) / 86400000);
    if (offset === 0) { return "aujourd'hui"; }
    if (offset === 1) { return "demain"; }
    if (offset < 7) { return WEEKDAYS[weekday(day)]; }
    var date = new Date(day);
    var dayOfMonth = date.getUTCDate();
    return "le " + (dayOfMonth === 1 ? "1er" : dayOfMonth) + " " + MONTHS[date.getUTCMonth()];
  }

  /* [state, label] at epochMs: the same answer as offices.hours.status_at. */
  function statusAt(data, epochMs) {
    if (!hoursKnown(data)) { return ["unknown", "Horaires non communiqués"]; }
    var local = localParts(epochMs);
    var today = slotsOn(data, local.day);
    var i;
    for (i = 0; i < today.slots.length; i++) {
      if (today.slots[i][0] <= local.minutes && local.minutes < today.slots[i][1]) {
        return ["open", "Ouvert maintenant, jusqu'à " + formatTime(today.slots[i][1])];
      }
    }
    var label = today.reason && !today.slots.length ? "Fermé aujourd'hui (" + today.reason + ")" : "Fermé";
    for (var offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
      var day = addDays(local.day, offset);
      var slots = offset ? slotsOn(data, day).slots : today.slots;
      var later = slots.map(function (slot) { return slot[0]; }).filter(function (start) {
        return offset > 0 || start > local.minutes;
      });
      if (later.length) {
        return ["closed", label + " — ouvre " + dayLabel(day, local.day) + " à " + formatTime(Math.min.apply(null, later))];
      }
    }
    return ["closed", label];
  }

  function show(element) {
    var source = document.getElementById(element.getAttribute("data-office-status"));
    if (!source || element.getAttribute("data-office-status-shown")) { return; }
    var status = statusAt(JSON.parse(source.textContent), Date.now());
    element.textContent = status[1];
    element.classList.add("office-status--" + status[0]);
    element.setAttribute("data-office-status-shown", "true");
    element.hidden = false;
  }

  function init() {
    document.querySelectorAll("[data-office-status]").forEach(show);
  }

  window.CAIOfficeHours = { statusAt: statusAt };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
