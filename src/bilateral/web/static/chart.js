// Indicator page: one plotly chart per measure and parties, one line in it per part of the
// year (full years, nine months, a half ...), never one line across them. Each value is drawn
// as a band over the period it covers with its marker in the middle; a click on a marker
// opens its source sentence.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  if (typeof Plotly === "undefined") return;  // the point lists below the charts still work
  var COLOURS = ["#1d4e89", "#c4661f", "#2e7d32", "#6a3d9a", "#00838f", "#8d6e63"];
  // plotly reads a few HTML tags in hover text: anything from an article is escaped first
  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function coverage(pts, colour) {  // the period each value covers, as a faint band
    var x = [], y = [];
    pts.forEach(function (p) {
      if (p.start === p.end) return;
      x.push(p.start, p.end, null);
      y.push(p.y, p.y, null);
    });
    return {
      x: x, y: y, mode: "lines", type: "scatter", hoverinfo: "skip", showlegend: false,
      line: { color: colour, width: 7 }, opacity: 0.25
    };
  }
  data.forEach(function (chart, i) {
    var el = document.getElementById("chart-" + i);
    if (!el) return;
    var bands = [], lines = [];
    chart.traces.forEach(function (tr, j) {
      var colour = COLOURS[j % COLOURS.length], pts = tr.points;
      bands.push(coverage(pts, colour));
      lines.push({
        name: tr.name,
        x: pts.map(function (p) { return p.x; }),
        y: pts.map(function (p) { return p.y; }),
        customdata: pts.map(function (p) { return p.href; }),
        text: pts.map(function (p) {
          return esc(tr.name + " · " + p.label + ": " + p.text +
                     (p.conflict ? " (" + p.values.join(" / ") + ")" : "")) +
            "<br>" + p.sources.map(function (s) { return esc(s.doc_id); }).join("<br>");
        }),
        hoverinfo: "text",
        mode: "lines+markers",
        type: "scatter",
        marker: {
          size: 11,
          color: pts.map(function (p) { return p.conflict ? "#b42318" : colour; })
        },
        line: { color: colour, dash: tr.span === "year" || tr.span === "as of" ? "solid" : "dash" }
      });
    });
    Plotly.newPlot(el, bands.concat(lines), {
      margin: { t: 20, r: 20, b: 50, l: 70 },
      xaxis: { type: "date" },
      yaxis: { title: { text: chart.unit || "" }, rangemode: "tozero" },
      hovermode: "closest",
      showlegend: lines.length > 1,
      legend: { orientation: "h", y: -0.2 }
    }, { displaylogo: false, responsive: true });
    el.on("plotly_click", function (ev) {
      var p = ev.points && ev.points[0];
      if (p && p.customdata) window.location.href = p.customdata;
    });
  });
})();
