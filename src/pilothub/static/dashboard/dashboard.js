/* Dashboard charts (Apache ECharts). Data comes from the json_script blocks
   #dashboard-figures and #dashboard-labels; every chart's numbers are also in an HTML table. */
(function () {
  "use strict";
  var figuresNode = document.getElementById("dashboard-figures");
  if (!figuresNode || typeof echarts === "undefined") { return; }
  var F = JSON.parse(figuresNode.textContent);
  var L = JSON.parse(document.getElementById("dashboard-labels").textContent);
  var font = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

  function pick(rows, key) { return (rows || []).map(function (r) { return r[key]; }); }

  function bars(categories, series, horizontal) {
    var cat = { type: "category", data: categories, axisLabel: { interval: 0 } };
    var val = { type: "value" };
    return {
      textStyle: { fontFamily: font }, tooltip: { trigger: "axis" },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: horizontal ? 130 : 60, right: 30, top: 40, bottom: 40 },
      xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
      series: series
    };
  }

  var builders = {
    tiers: function () {
      return bars(pick(F.tiers, "label"), [{ type: "bar", name: L.platforms, data: pick(F.tiers, "platforms"),
        label: { show: true, position: "top" } }]);
    },
    targets: function () {
      var rows = (F.targets || []).filter(function (r) { return r.tracked; });
      if (!rows.length) { return null; }
      var option = bars(rows.map(function (r) { return r.label + "（" + r.deadline + "）"; }),
        [{ type: "bar", name: L.progress, data: pick(rows, "progress_pct"), label: { show: true, position: "right", formatter: "{c}%" },
           itemStyle: { color: function (p) { return rows[p.dataIndex].met ? "#1e7e34" : "#c27c0e"; } } }], true);
      option.xAxis.max = 100;
      option.grid.left = 220;
      return option;
    },
    trend: function () {
      var t = F.trend || { years: [], series: {} };
      return bars(t.years.map(String), F.tiers.map(function (tier) {
        return { type: "line", name: tier.label, data: t.series[tier.tier] };
      }));
    },
    coverage: function () {
      var rows = (F.coverage && F.coverage.rows) || [];
      if (!rows.length) { return null; }
      var seen = {}, unique = rows.filter(function (r) { if (seen[r.industry]) { return false; } seen[r.industry] = true; return true; });
      return bars(pick(unique, "name"), [{ type: "bar", name: L.platforms, data: unique.map(function (r) {
        return { value: r.platforms, itemStyle: { color: r.uncovered ? "#c0392b" : "#1f5fa8" } };
      }), label: { show: true, position: "right" } }], true);
    },
    districts: function () {
      var rows = (F.districts || []).filter(function (r) { return r.platforms > 0; });
      if (!rows.length) { return null; }
      var max = Math.max.apply(null, pick(rows, "platforms"));
      var geo = rows.filter(function (r) { return r.longitude !== null && r.latitude !== null; });
      if (geo.length === rows.length) {
        return {
          textStyle: { fontFamily: font },
          tooltip: { formatter: function (p) { return p.data[3] + "：" + p.data[2]; } },
          xAxis: { type: "value", scale: true, name: L.longitude }, yAxis: { type: "value", scale: true, name: L.latitude },
          series: [{ type: "scatter", data: geo.map(function (r) { return [r.longitude, r.latitude, r.platforms, r.name]; }),
            symbolSize: function (d) { return 10 + 50 * Math.sqrt(d[2] / max); },
            label: { show: true, formatter: function (p) { return p.data[3]; }, position: "top" } }]
        };
      }
      return bars(pick(rows, "name"), [{ type: "bar", name: L.platforms, data: pick(rows, "platforms") }], true);
    },
    orders: function () {
      var o = bars(pick(F.orders, "year").map(String), [
        { type: "bar", name: L.orders, data: pick(F.orders, "orders") },
        { type: "bar", name: L.external, data: pick(F.orders, "external_orders") },
        { type: "line", name: L.amount, yAxisIndex: 1, data: pick(F.orders, "contract_amount") }]);
      o.yAxis = [{ type: "value" }, { type: "value" }];
      o.grid.right = 90;
      return o;
    },
    demands: function () {
      var rows = (F.demands && F.demands.years) || [];
      return bars(pick(rows, "year").map(String), [{ type: "bar", name: L.published, data: pick(rows, "published") },
        { type: "bar", name: L.matched, data: pick(rows, "matched") }]);
    },
    vouchers: function () {
      return bars(pick(F.vouchers, "year").map(String), [{ type: "bar", name: L.cap, data: pick(F.vouchers, "cap") },
        { type: "bar", name: L.spent, data: pick(F.vouchers, "spent") }]);
    },
    subsidies: function () {
      return bars(pick(F.subsidies, "year").map(String), [{ type: "bar", name: L.budget, data: pick(F.subsidies, "budget") },
        { type: "bar", name: L.committed, data: pick(F.subsidies, "committed") },
        { type: "bar", name: L.paid, data: pick(F.subsidies, "paid") }]);
    }
  };

  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (node) {
    var build = builders[node.getAttribute("data-chart")];
    var option = build ? build() : null;
    if (!option) { node.classList.add("empty"); node.textContent = L.noData; return; }
    var chart = echarts.init(node, null, { renderer: "canvas" });
    chart.setOption(option);
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
