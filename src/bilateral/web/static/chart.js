// Indicator page: one plotly chart per series; a click on a point opens its source sentence.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  if (typeof Plotly === "undefined") return;  // the point lists below the charts still work
  // plotly reads a few HTML tags in hover text: anything from an article is escaped first
  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  data.forEach(function (series, i) {
    var el = document.getElementById("chart-" + i);
    if (!el) return;
    var pts = series.points;
    var trace = {
      x: pts.map(function (p) { return p.x; }),
      y: pts.map(function (p) { return p.y; }),
      customdata: pts.map(function (p) { return p.href; }),
      text: pts.map(function (p) {
        return esc(p.label + ": " + p.text + (p.conflict ? " (" + p.values.join(" / ") + ")" : "")) +
          "<br>" + p.sources.map(function (s) { return esc(s.doc_id); }).join("<br>");
      }),
      hoverinfo: "text",
      mode: "lines+markers",
      type: "scatter",
      marker: {
        size: 11,
        color: pts.map(function (p) { return p.conflict ? "#b42318" : "#1d4e89"; })
      },
      line: { color: "#1d4e89" }
    };
    Plotly.newPlot(el, [trace], {
      margin: { t: 20, r: 20, b: 50, l: 70 },
      xaxis: { type: "date" },
      yaxis: { title: { text: series.unit || "" }, rangemode: "tozero" },
      hovermode: "closest"
    }, { displaylogo: false, responsive: true });
    el.on("plotly_click", function (ev) {
      var p = ev.points && ev.points[0];
      if (p && p.customdata) window.location.href = p.customdata;
    });
  });
})();
