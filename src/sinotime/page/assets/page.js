(function () {
  "use strict";
  var filters = document.getElementById("filters");
  var kind = document.getElementById("filter-kind");
  var flag = document.getElementById("filter-flag");
  var count = document.getElementById("filter-count");
  if (!filters || !kind || !flag || !count) {
    return;
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("#events > li"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("#chart [data-flag]"));
  function matches(node) {
    return (!kind.value || node.getAttribute("data-kind") === kind.value) &&
      (!flag.value || node.getAttribute("data-flag") === flag.value);
  }
  function apply() {
    var shown = 0;
    items.forEach(function (item) {
      var keep = matches(item);
      item.hidden = !keep;
      if (keep) {
        shown += 1;
      }
    });
    marks.forEach(function (mark) {
      mark.classList.toggle("faded", !matches(mark));
    });
    count.textContent = "Showing " + shown + " of " + items.length + " events";
  }
  kind.addEventListener("change", apply);
  flag.addEventListener("change", apply);
  document.getElementById("filter-reset").addEventListener("click", function () {
    kind.value = "";
    flag.value = "";
    apply();
  });
  filters.hidden = false;
  apply();
})();
