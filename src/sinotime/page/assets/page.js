(function () {
  "use strict";
  var filters = document.getElementById("filters");
  var kind = document.getElementById("filter-kind");
  var flag = document.getElementById("filter-flag");
  var order = document.getElementById("filter-order");
  var count = document.getElementById("filter-count");
  var list = document.getElementById("events");
  var scroller = document.querySelector(".chart-scroll");
  var asOf = document.querySelector("#chart .as-of");
  // On a narrow screen the chart opens scrolled to the as-of line, a third of the way in: what
  // is past due (its marks end at the line, their labels run on to the right) and what is next.
  if (scroller && asOf && scroller.scrollWidth > scroller.clientWidth) {
    var chart = document.getElementById("chart");
    var scale = chart.getBoundingClientRect().width / chart.viewBox.baseVal.width;
    var x = parseFloat(asOf.getAttribute("x1")) * scale;
    scroller.scrollLeft = Math.max(0, x - scroller.clientWidth / 3);
    // Each row's heading (its series or kind) follows the left edge of what is in view, so
    // that a mark far to the right can still be told by its row. It never runs past the
    // drawing's right margin: near it a long heading is set closer (to 3/4 of its width at
    // most), and only then moves left.
    var headings = Array.prototype.slice.call(chart.querySelectorAll(".row-label")).map(function (heading) {
      return { text: heading, home: parseFloat(heading.getAttribute("x")), width: heading.getComputedTextLength() };
    });
    var pinHeadings = function () {
      var left = scroller.scrollLeft / scale;
      headings.forEach(function (heading) {
        var end = chart.viewBox.baseVal.width - heading.home;
        var x = heading.home + left;
        var width = Math.max(Math.min(heading.width, end - x), heading.width * 0.75);
        x = Math.max(heading.home, Math.min(x, end - width));
        heading.text.setAttribute("x", x.toFixed(1));
        if (width < heading.width) {
          heading.text.setAttribute("textLength", width.toFixed(1));
          heading.text.setAttribute("lengthAdjust", "spacingAndGlyphs");
        } else {
          heading.text.removeAttribute("textLength");
        }
      });
    };
    pinHeadings();
    scroller.addEventListener("scroll", pinHeadings, { passive: true });
  }
  if (!filters || !kind || !flag || !order || !count || !list) {
    return;
  }
  var items = Array.prototype.slice.call(list.children);
  var marks = Array.prototype.slice.call(document.querySelectorAll("#chart [data-flag]"));
  function matches(node) {
    return (!kind.value || node.getAttribute("data-kind") === kind.value) &&
      (!flag.value || node.getAttribute("data-flag") === flag.value);
  }
  // The filter lives in the address (#flag=overdue&kind=KIND-ID&order=newest), so a view can be shared.
  function state() {
    var parts = [];
    if (kind.value) { parts.push("kind=" + encodeURIComponent(kind.value)); }
    if (flag.value) { parts.push("flag=" + encodeURIComponent(flag.value)); }
    if (order.value === "newest") { parts.push("order=newest"); }
    return parts.join("&");
  }
  function choose(select, value) {
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    select.value = known ? value : "";
  }
  function read(hash) {
    var text = hash.replace(/^#/, "");
    if (text.indexOf("=") < 0) {
      return false;
    }
    var wanted = {};
    text.split("&").forEach(function (part) {
      var pair = part.split("=");
      wanted[decodeURIComponent(pair[0])] = decodeURIComponent(pair[1] || "");
    });
    choose(kind, wanted.kind || "");
    choose(flag, wanted.flag || "");
    choose(order, wanted.order === "newest" ? "newest" : "oldest");
    return true;
  }
  function apply(remember) {
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
    var ordered = order.value === "newest" ? items.slice().reverse() : items;
    ordered.forEach(function (item) { list.appendChild(item); });
    count.textContent = "Showing " + shown + " of " + items.length + " events" +
      (order.value === "newest" ? ", newest first" : "");
    if (remember) {
      var now = state();
      history.replaceState(null, "", now ? "#" + now : location.pathname + location.search);
    }
  }
  [kind, flag, order].forEach(function (select) {
    select.addEventListener("change", function () { apply(true); });
  });
  document.getElementById("filter-reset").addEventListener("click", function () {
    kind.value = "";
    flag.value = "";
    order.value = "oldest";
    apply(true);
  });
  window.addEventListener("hashchange", function () {
    if (read(location.hash)) {
      apply(false);
      document.getElementById("list").scrollIntoView();
    }
  });
  filters.hidden = false;
  if (read(location.hash)) {
    apply(false);
    document.getElementById("list").scrollIntoView();
  } else {
    apply(false);
  }
})();
