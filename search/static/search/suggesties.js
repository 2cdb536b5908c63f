// Progressive enhancement: fill the search box's datalist with matching titles.
(function () {
  var input = document.getElementById("zoekterm");
  var list = document.getElementById("zoek-suggesties");
  if (!input || !list || !window.fetch) { return; }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = input.value.trim();
    if (value.length < 2) { return; }
    timer = setTimeout(function () {
      fetch(input.dataset.suggesties + "?q=" + encodeURIComponent(value), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : {resultaten: []}; })
        .then(function (data) {
          list.textContent = "";
          data.resultaten.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.titel;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
