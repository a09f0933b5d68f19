(function () {
  "use strict";
  var form = document.getElementById("filters");
  var box = document.getElementById("search");
  var kind = document.getElementById("kind-filter");
  var count = document.getElementById("match-count");
  var none = document.getElementById("no-match");
  if (!form || !box || !kind || !count || !none) return;
  var calls = Array.prototype.slice.call(document.querySelectorAll("article[data-call]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section[data-section]"));
  var entries = {};
  Array.prototype.forEach.call(document.querySelectorAll("li[data-for]"), function (li) {
    entries[li.getAttribute("data-for")] = li;
  });
  var texts = calls.map(function (el) { return el.textContent.toLowerCase(); });
  function apply() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = kind.value;
    var shown = 0;
    calls.forEach(function (el, i) {
      var ok = (!wanted || el.getAttribute("data-kind") === wanted) &&
        words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      el.hidden = !ok;
      var li = entries[el.id];
      if (li) li.hidden = !ok;
      if (ok) shown += 1;
    });
    sections.forEach(function (s) {
      s.hidden = !s.querySelector("article[data-call]:not([hidden])");
    });
    count.textContent = shown + " of " + calls.length + " calls";
    none.hidden = shown !== 0;
  }
  box.addEventListener("input", apply);
  kind.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
