// mloop studio: draws each <div class="chart" data-chart="{metric, series: [{name, points: [[step, value]]}]}">
// with ECharts (loaded before this file), no animation; the data comes from the attribute, never from inline script.
(function () {
  function draw(el) {
    if (el.dataset.drawn === "1" || typeof echarts === "undefined") {
      return;
    }
    var data = JSON.parse(el.getAttribute("data-chart"));
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    var chart = echarts.init(el, dark ? "dark" : null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      backgroundColor: "transparent",
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 36 },
      xAxis: { type: "value", name: "step", nameLocation: "middle", nameGap: 24, minInterval: 1 },
      yAxis: { type: "value", scale: true },
      series: data.series.map(function (s) {
        return { type: "line", name: s.name, data: s.points, showSymbol: s.points.length <= 50, connectNulls: false };
      })
    });
    el.dataset.drawn = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function drawAll() {
    document.querySelectorAll("div.chart[data-chart]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
