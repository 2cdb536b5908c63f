// Live screens of a group session: short polling of a tiny state endpoint (docs/oefencasus.md).
// About every 500 ms (jittered, so that a room's screens do not all ask, and all render a new
// chapter, at the same instant) the state is asked with its ETag; 304 costs one query. When it changed,
// the answer brings the part of the page that shows it, which is swapped in, keeping what the user
// was typing and where their focus was. Without JavaScript the "Vernieuwen" link does this.
(function () {
  "use strict";
  var root = document.querySelector("[data-oefensessie-status]");
  if (!root) { return; }
  var INTERVAL = 500;
  var JITTER = 0.3;
  var MAX_DELAY = 5000;
  var statusUrl = root.getAttribute("data-oefensessie-status");
  var partUrl = root.getAttribute("data-oefensessie-deel");
  var etag = root.getAttribute("data-oefensessie-etag");
  var announcer = document.getElementById("oefensessie-melding");
  var offline = document.querySelector("[data-verbinding]");
  var delay = INTERVAL;

  function jittered(ms) { return ms * (1 - JITTER + 2 * JITTER * Math.random()); }

  document.querySelectorAll("[data-vernieuwen]").forEach(function (link) { link.hidden = true; });

  function typed() {
    // What the user entered but did not send yet, by element id.
    var values = {};
    root.querySelectorAll("textarea[id], input[type=radio][id]").forEach(function (el) {
      if (el.type === "radio") {
        if (el.checked !== el.defaultChecked) { values[el.id] = el.checked; }
      } else if (el.value !== el.defaultValue) {
        values[el.id] = el.value;
      }
    });
    return values;
  }

  function swap(html) {
    var values = typed();
    var focused = document.activeElement && root.contains(document.activeElement) ? document.activeElement.id : null;
    var before = root.firstElementChild ? root.firstElementChild.getAttribute("data-melding") : null;
    root.innerHTML = html;
    Object.keys(values).forEach(function (id) {
      var el = document.getElementById(id);
      if (!el) { return; }
      if (el.type === "radio") { el.checked = values[id]; } else { el.value = values[id]; }
    });
    if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
    var after = root.firstElementChild ? root.firstElementChild.getAttribute("data-melding") : null;
    if (announcer && after && after !== before) { announcer.textContent = after; }
  }

  function refresh() {
    return fetch(partUrl, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(swap);
  }

  function poll() {
    var headers = { Accept: "application/json" };
    if (etag) { headers["If-None-Match"] = etag; }
    fetch(statusUrl + "?deel=1", { headers: headers, credentials: "same-origin", cache: "no-store" }).then(function (response) {
      if (response.status === 304) { return null; }
      if (!response.ok) { throw new Error(String(response.status)); }
      etag = response.headers.get("ETag");
      // A changed state brings the changed part along; fetch it only when it did not.
      return response.json().then(function (state) {
        if (typeof state.deel === "string") { swap(state.deel); return null; }
        return refresh();
      });
    }).then(function () {
      delay = INTERVAL;
      if (offline) { offline.hidden = true; }
    }, function () {
      // The server or the network is away (the facilitator's laptop, a train): keep trying, slower.
      delay = Math.min(delay * 2, MAX_DELAY);
      if (offline) { offline.hidden = false; }
    }).then(function () { window.setTimeout(poll, jittered(document.hidden ? Math.max(delay, 2000) : delay)); });
  }

  window.setTimeout(poll, jittered(INTERVAL));
})();
