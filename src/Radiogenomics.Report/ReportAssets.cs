namespace Radiogenomics.Report;

/// <summary>The page's own style and script, inlined like Plotly: the report must open offline.</summary>
internal static class ReportAssets
{
    public const string Style = """
        :root { --fg:#1a202c; --muted:#4a5568; --line:#e2e8f0; --accent:#2b6cb0; }
        * { box-sizing:border-box; }
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color:var(--fg); margin:0; font-size:14px; line-height:1.45; }
        header { background:#1a365d; color:#fff; padding:14px 24px; }
        header h1 { margin:0; font-size:20px; } header p { margin:4px 0 0; opacity:.85; }
        nav { position:sticky; top:0; background:#f7fafc; border-bottom:1px solid var(--line); padding:6px 24px; z-index:10; }
        nav a { margin-right:14px; color:var(--accent); text-decoration:none; white-space:nowrap; }
        main { padding:0 24px 40px; max-width:1400px; }
        section { border-bottom:1px solid var(--line); padding:8px 0 18px; }
        h2 { font-size:18px; margin:18px 0 8px; } h3 { font-size:15px; margin:14px 0 6px; }
        .status-failed { color:#c53030; font-weight:bold; } .status-executed { color:#2b6cb0; } .status-cached { color:#2f855a; } .status-skipped { color:#b7791f; }
        .badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; font-weight:bold; }
        .badge.ok { background:#c6f6d5; color:#22543d; } .badge.bad { background:#fed7d7; color:#822727; }
        table { border-collapse:collapse; margin:6px 0; font-size:13px; }
        th, td { border:1px solid var(--line); padding:3px 8px; text-align:left; vertical-align:top; }
        th { background:#edf2f7; } td.num { text-align:right; font-variant-numeric:tabular-nums; }
        table.data th { cursor:pointer; user-select:none; } table.data th.asc::after { content:" ▲"; } table.data th.desc::after { content:" ▼"; }
        caption { text-align:left; color:var(--muted); padding:2px 0; }
        .table-wrap { max-height:480px; overflow:auto; margin-bottom:10px; }
        .filter { margin:4px 0; padding:3px 6px; width:260px; }
        .plot { width:100%; min-height:360px; }
        figure { margin:8px 0; } figure img { max-width:100%; border:1px solid var(--line); } figcaption { color:var(--muted); font-size:12px; }
        .failure { background:#fff5f5; border-left:4px solid #c53030; padding:6px 12px; margin:8px 0; }
        .warning { background:#fffaf0; border-left:4px solid #b7791f; padding:4px 12px; margin:4px 0; }
        .headline { background:#ebf8ff; border-left:4px solid #2b6cb0; padding:4px 12px; margin:4px 0; }
        pre { white-space:pre-wrap; font-size:12px; background:#f7fafc; padding:8px; max-height:320px; overflow:auto; }
        .flow { display:flex; flex-direction:column; align-items:flex-start; gap:0; }
        .flow .step { border:1.5px solid var(--accent); border-radius:6px; padding:6px 12px; background:#ebf8ff; min-width:320px; }
        .flow .arrow { margin-left:40px; color:var(--muted); }
        .dag-wrap { overflow:auto; }
        .muted { color:var(--muted); }
        """;

    /// <summary>
    /// Renders every plot from its JSON spec (zoom, hover and PNG download are Plotly's; an SVG download button is
    /// added), makes class="data" tables sortable and filterable, and sets window.reportReady when all plots are drawn
    /// (performance marks rg-plotly-ready, rg-render-start and rg-plot-&lt;id&gt; time the steps).
    /// </summary>
    public const string Script = """
        (function () {
          var config = {
            responsive: true, displaylogo: false,
            toImageButtonOptions: { format: 'png', scale: 3 },
            modeBarButtonsToAdd: [{
              name: 'Download plot as SVG', icon: Plotly.Icons.disk,
              click: function (gd) { Plotly.downloadImage(gd, { format: 'svg', filename: gd.id }); }
            }]
          };
          performance.mark('rg-render-start');
          var drawn = [];
          document.querySelectorAll('div.plot[data-spec]').forEach(function (div) {
            var spec = JSON.parse(document.getElementById(div.getAttribute('data-spec')).textContent);
            drawn.push(Plotly.newPlot(div, spec.data, spec.layout, config).then(function () { performance.mark('rg-plot-' + div.id); }));
          });
          Promise.all(drawn).then(function () { window.reportReady = performance.now(); });

          document.querySelectorAll('table.data').forEach(function (table) {
            var headers = table.tHead.rows[0].cells;
            Array.prototype.forEach.call(headers, function (th, col) {
              th.addEventListener('click', function () {
                var asc = !th.classList.contains('asc');
                Array.prototype.forEach.call(headers, function (h) { h.classList.remove('asc', 'desc'); });
                th.classList.add(asc ? 'asc' : 'desc');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[col], y = b.cells[col];
                  var vx = x.hasAttribute('data-v') ? parseFloat(x.getAttribute('data-v')) : null;
                  var vy = y.hasAttribute('data-v') ? parseFloat(y.getAttribute('data-v')) : null;
                  var c = (vx !== null && vy !== null) ? vx - vy
                        : (vx === null && vy === null) ? x.textContent.localeCompare(y.textContent) : (vx === null ? 1 : -1);
                  return asc ? c : -c;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
          });
          document.querySelectorAll('input.filter').forEach(function (input) {
            input.addEventListener('input', function () {
              var needle = input.value.toLowerCase();
              var table = document.getElementById(input.getAttribute('data-table'));
              Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
                r.style.display = r.textContent.toLowerCase().indexOf(needle) >= 0 ? '' : 'none';
              });
            });
          });
        })();
        """;
}
