// 地区汇总: bar chart of platform totals. Data comes from the json_script block "chart-data".
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  var target = document.getElementById("totals-chart");
  if (!source || !target || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var chart = echarts.init(target);
  chart.setOption({tooltip: {}, xAxis: {type: "category", data: data.names}, yAxis: {type: "value", max: 100},
                   series: [{type: "bar", data: data.totals}]});
})();
