// The overview: choosing an element shows its panel without reloading the page. Without
// JavaScript every element is a link that loads the same panel from the server.
(function () {
  "use strict";
  var paneel = document.getElementById("paneel");
  if (!paneel) { return; }

  function toon(id, focus) {
    var gevonden = false;
    paneel.querySelectorAll("[data-paneel]").forEach(function (el) {
      var match = el.getAttribute("data-paneel") === id;
      el.hidden = !match;
      gevonden = gevonden || match;
    });
    if (!gevonden) { return false; }
    var leeg = paneel.querySelector("[data-paneel-leeg]");
    if (leeg) { leeg.hidden = true; }
    document.querySelectorAll(".visual-element").forEach(function (a) {
      if (a.getAttribute("data-element") === id) { a.setAttribute("aria-current", "true"); }
      else { a.removeAttribute("aria-current"); }
    });
    if (focus) { paneel.focus(); }
    return true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-element]") : null;
    if (!link) { return; }
    var id = link.getAttribute("data-element");
    if (toon(id, true)) {
      event.preventDefault();
      var url = new URL(window.location.href);
      url.searchParams.set("element", id);
      url.hash = "paneel";
      window.history.pushState({ element: id }, "", url);
    }
  });

  window.addEventListener("popstate", function () {
    var id = new URL(window.location.href).searchParams.get("element");
    if (id) { toon(id, false); }
  });
})();
