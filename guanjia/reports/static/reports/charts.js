// Draws the dashboard's charts from the figures the page already shows in its tables.
(function () {
  const node = document.getElementById("report-charts");
  if (!node || typeof Chart === "undefined") return;
  const data = JSON.parse(node.textContent);
  const trends = data.trends || [];
  const labels = data.labels || {};
  const trendCanvas = document.getElementById("chart-trends");
  if (trendCanvas) {
    new Chart(trendCanvas, {
      data: {
        labels: trends.map((t) => t.month),
        datasets: [
          { type: "bar", label: labels.orders, data: trends.map((t) => t.total), yAxisID: "count", backgroundColor: "#9fb3c8" },
          { type: "line", label: labels.on_time, data: trends.map((t) => t.complaint_on_time), yAxisID: "pct", borderColor: "#2f855a" },
          { type: "line", label: labels.satisfaction, data: trends.map((t) => t.satisfaction), yAxisID: "pct", borderColor: "#0b63ce" },
        ],
      },
      options: { animation: false, scales: { count: { position: "left", beginAtZero: true }, pct: { position: "right", min: 0, max: 100 } } },
    });
  }
  Object.entries(data.breakdowns || {}).forEach(([code, rows]) => {
    const canvas = document.getElementById("chart-" + code);
    if (!canvas || !rows.length) return;
    new Chart(canvas, {
      type: "bar",
      data: { labels: rows.map((r) => r.label), datasets: [{ label: canvas.getAttribute("aria-label"), data: rows.map((r) => r.total), backgroundColor: "#0b63ce" }] },
      options: { animation: false, indexAxis: code === "hour" ? "x" : "y", plugins: { legend: { display: false } } },
    });
  });
})();
