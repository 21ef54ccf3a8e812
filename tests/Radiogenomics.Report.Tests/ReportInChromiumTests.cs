using System.Text.Json.Nodes;
using Xunit;

namespace Radiogenomics.Report.Tests;

/// <summary>The reports of small real runs in headless Chromium from a file:// URL: no errors, no network, every plot drawn.</summary>
[Collection(SmallRunsCollection.Name)]
public sealed class ReportInChromiumTests(SmallRuns runs, OutcomeRuns outcomes)
{
    /// <summary>Every plot div got Plotly's SVG with traces; every figure image decoded; returned as JSON by the page.</summary>
    internal const string RenderedState = """
        JSON.stringify({
          ready: window.reportReady || null,
          plots: Array.from(document.querySelectorAll('div.plot')).map(function (d) {
            var r = d.getBoundingClientRect();
            return { id: d.id, traces: (d.data || []).length, svg: d.querySelectorAll('.main-svg').length,
                     marks: d.querySelectorAll('.hm image, .scatterlayer .trace path, .barlayer .point').length, height: r.height };
          }),
          images: Array.from(document.querySelectorAll('figure img')).map(function (i) { return { ok: i.complete && i.naturalWidth > 0, alt: i.alt }; }),
          dagNodes: document.querySelectorAll('svg.dag g.dag-node').length,
          sections: Array.from(document.querySelectorAll('main > section')).map(function (s) { return s.id; })
        })
        """;

    [Fact]
    public async Task TheHarnessSeesConsoleErrorsExceptionsAndNetworkRequests()
    {
        string page = Path.Combine(Path.GetTempPath(), "rg-harness-" + Guid.NewGuid().ToString("N")[..10] + ".html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/pixel.png\"><script>console.error('planted error'); window.reportReady = 1; undefinedFunction();</script></body></html>");
        try
        {
            await using var chromium = await HeadlessChromium.StartAsync();
            await chromium.NavigateAsync(new Uri(page).AbsoluteUri, TimeSpan.FromSeconds(60));
            await chromium.WaitForAsync("window.reportReady", TimeSpan.FromSeconds(30));
            Assert.Contains(chromium.Errors, e => e.Contains("planted error", StringComparison.Ordinal));
            Assert.Contains(chromium.Errors, e => e.Contains("undefinedFunction", StringComparison.Ordinal));
            Assert.Contains("http://127.0.0.1:9/pixel.png", chromium.Requests);
        }
        finally
        {
            File.Delete(page);
        }
    }

    [Fact]
    public async Task TheReportRendersOfflineWithoutErrors()
    {
        string path = RunReportPage.Write(runs.First.RunDirectory!);
        await using var chromium = await HeadlessChromium.StartAsync();
        string url = new Uri(path).AbsoluteUri;
        await chromium.NavigateAsync(url, TimeSpan.FromSeconds(60));
        await chromium.WaitForAsync("window.reportReady", TimeSpan.FromSeconds(60));
        var state = JsonNode.Parse((string)(await chromium.EvaluateAsync(RenderedState))!)!;

        Assert.Empty(chromium.Errors);
        Assert.All(chromium.Requests, r => Assert.True(r.StartsWith("file:", StringComparison.Ordinal) || r.StartsWith("data:", StringComparison.Ordinal), $"network request: {r}"));
        Assert.Contains(url, chromium.Requests);
        Assert.Equal(["summary", "dag", "associations"], state["sections"]!.AsArray().Select(s => (string)s!));
        var plots = state["plots"]!.AsArray();
        Assert.Contains(plots, p => (string?)p!["id"] == "associate-heatmap");
        Assert.All(plots, p =>
        {
            Assert.True((int)p!["traces"]! > 0, $"{p["id"]}: no traces");
            Assert.True((int)p["svg"]! > 0, $"{p["id"]}: Plotly drew no SVG");
            Assert.True((int)p["marks"]! > 0, $"{p["id"]}: nothing drawn in the plot area");
            Assert.True((double)p["height"]! > 200, $"{p["id"]}: collapsed");
        });
        Assert.All(state["images"]!.AsArray(), i => Assert.True((bool)i!["ok"]!, $"image not decoded: {i["alt"]}"));
        Assert.Equal(4, (int)state["dagNodes"]!);

        // Sorting works in the browser: the q column ascending after one click, descending after two.
        string qSorted = """
            (function () {
              var t = document.getElementById('associate-top'); var th = Array.from(t.tHead.rows[0].cells); var i = th.findIndex(function (c) { return c.textContent === 'q'; });
              th[i].click(); th[i].click();
              var v = Array.from(t.tBodies[0].rows).map(function (r) { return parseFloat(r.cells[i].getAttribute('data-v')); }).filter(function (x) { return !isNaN(x); });
              for (var k = 1; k < v.length; k++) if (v[k] > v[k - 1]) return false;
              return v.length > 10;
            })()
            """;
        Assert.True((bool)(await chromium.EvaluateAsync(qSorted))!);
    }

    [Theory]
    [InlineData("classify", new[] { "summary", "dag", "classify" }, new[] { "evaluate-roc", "evaluate-calibration", "evaluate-decision", "evaluate-permutation" })]
    [InlineData("survive", new[] { "summary", "dag", "survival" }, new[] { "km-km", "cox-forest", "td-td-roc" })]
    public async Task TheOutcomeSectionsRenderOfflineWithoutErrors(string which, string[] sections, string[] plotIds)
    {
        string path = RunReportPage.Write((which == "classify" ? outcomes.Classify : outcomes.Survive).RunDirectory!);
        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.NavigateAsync(new Uri(path).AbsoluteUri, TimeSpan.FromSeconds(60));
        await chromium.WaitForAsync("window.reportReady", TimeSpan.FromSeconds(60));
        var state = JsonNode.Parse((string)(await chromium.EvaluateAsync(RenderedState))!)!;

        Assert.Empty(chromium.Errors);
        Assert.All(chromium.Requests, r => Assert.True(r.StartsWith("file:", StringComparison.Ordinal) || r.StartsWith("data:", StringComparison.Ordinal), $"network request: {r}"));
        Assert.Equal(sections, state["sections"]!.AsArray().Select(s => (string)s!));
        var plots = state["plots"]!.AsArray();
        Assert.Equal(plotIds.Order(), plots.Select(p => (string)p!["id"]!).Where(plotIds.Contains).Order());
        Assert.All(plots, p =>
        {
            Assert.True((int)p!["traces"]! > 0, $"{p["id"]}: no traces");
            Assert.True((int)p["svg"]! > 0, $"{p["id"]}: Plotly drew no SVG");
            Assert.True((int)p["marks"]! > 0, $"{p["id"]}: nothing drawn in the plot area");
            Assert.True((double)p["height"]! > 200, $"{p["id"]}: collapsed");
        });
        Assert.All(state["images"]!.AsArray(), i => Assert.True((bool)i!["ok"]!, $"image not decoded: {i["alt"]}"));
        // Plotly's modebar offers the downloads on every plot: PNG (its camera button) and the page's SVG button.
        var buttons = await chromium.EvaluateAsync("JSON.stringify(Array.from(document.querySelectorAll('div.plot')).map(function (d) { return d.querySelectorAll('.modebar-btn[data-title=\"Download plot as a PNG\"], .modebar-btn[data-title=\"Download plot as SVG\"]').length; }))");
        Assert.All(JsonNode.Parse((string)buttons!)!.AsArray(), n => Assert.Equal(2, (int)n!));
    }

    /// <summary>
    /// The "Patient structure" section of a run with explore.tsne and explore.clusters (the example tables: 242 images
    /// of 40 patients, with a clinical table written here): both t-SNE maps (patients, images) with a label dropdown, the
    /// clustered heatmap with side bars and dendrogram, and the enrichment table, drawn without console errors.
    /// </summary>
    [Fact]
    public async Task ThePatientStructureSectionRenders()
    {
        string root = Path.Combine(Path.GetTempPath(), "rg-structure-report-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        try
        {
            foreach (var file in new[] { "features.csv", "gene.tsv" })
                File.Copy(Path.Combine(RepositoryPaths.Root, "workflows/example", file), Path.Combine(root, file));
            var patients = File.ReadLines(Path.Combine(root, "features.csv")).Skip(1).Select(l => l.Split(',')[1]).Distinct().ToList();
            File.WriteAllLines(Path.Combine(root, "clinical.csv"), new[] { "patient_id,ER,grade" }
                .Concat(patients.Select((p, i) => $"{p},{(i % 3 == 0 ? "Negative" : "Positive")},{(i % 5 == 0 ? "" : (1 + i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture))}")));
            File.WriteAllText(Path.Combine(root, "wf.yaml"), """
                workflow: structure-report
                stages:
                  - id: tables
                    uses: fetch.tables
                    inputs: {features: features.csv, genomics: [gene.tsv], clinical: clinical.csv}
                  - id: tsne
                    uses: explore.tsne
                    needs: [tables]
                    params: {perplexity: 10, iterations: 300}
                  - id: clusters
                    uses: explore.clusters
                    needs: [tables]
                    params: {clusters: 3}
                """);
            var engine = new Radiogenomics.Engine.Execution.WorkflowEngine(new Radiogenomics.Engine.Caching.Workspace(root), Radiogenomics.Stages.StageCatalog.CreateRegistry());
            var run = await engine.RunAsync(engine.Load(Path.Combine(root, "wf.yaml")), new Radiogenomics.Engine.Execution.RunRequest(), cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(run.Succeeded, string.Join("; ", run.Stages.Select(s => $"{s.StageId}: {s.Error}")));

            string path = RunReportPage.Write(run.RunDirectory!);
            await using var chromium = await HeadlessChromium.StartAsync();
            await chromium.NavigateAsync(new Uri(path).AbsoluteUri, TimeSpan.FromSeconds(60));
            await chromium.WaitForAsync("window.reportReady", TimeSpan.FromSeconds(60));
            var state = JsonNode.Parse((string)(await chromium.EvaluateAsync(RenderedState))!)!;
            Assert.Empty(chromium.Errors);
            Assert.Contains("structure", state["sections"]!.AsArray().Select(s => (string)s!));
            var plots = state["plots"]!.AsArray().ToDictionary(p => (string)p!["id"]!, p => p!);
            foreach (var id in new[] { "tsne-tsne-patient", "tsne-tsne-image", "clusters-heatmap" })
            {
                Assert.True(plots.ContainsKey(id), $"no plot {id}");
                Assert.True((int)plots[id]["svg"]! > 0 && (int)plots[id]["marks"]! > 0, $"{id}: nothing drawn");
            }
            // The dropdown offers both clinical labels and switches the visible traces.
            string dropdown = """
                (function () {
                  var gd = document.getElementById('tsne-tsne-patient');
                  var buttons = gd.layout.updatemenus[0].buttons.map(function (b) { return b.label; });
                  var before = gd.data.filter(function (t) { return t.visible === true; }).map(function (t) { return t.legendgroup; });
                  return Plotly.restyle(gd, gd.layout.updatemenus[0].buttons[1].args[0], gd.layout.updatemenus[0].buttons[1].args[1]).then(function () {
                    var after = gd.data.filter(function (t) { return t.visible === true; }).map(function (t) { return t.legendgroup; });
                    return JSON.stringify({ buttons: buttons, before: before, after: after });
                  });
                })()
                """;
            var menu = JsonNode.Parse((string)(await chromium.EvaluateAsync(dropdown))!)!;
            Assert.Equal(["ER", "grade"], menu["buttons"]!.AsArray().Select(b => (string)b!));
            Assert.All(menu["before"]!.AsArray(), g => Assert.Equal("ER", (string)g!));
            Assert.All(menu["after"]!.AsArray(), g => Assert.Equal("grade", (string)g!));
            // Side bars: the cluster and both labels; the enrichment table lists both labels.
            string bars = "JSON.stringify(document.getElementById('clusters-heatmap').data.filter(function (t) { return t.yaxis === 'y2'; })[0].y)";
            Assert.Equal(["cluster", "ER", "grade"], JsonNode.Parse((string)(await chromium.EvaluateAsync(bars))!)!.AsArray().Select(b => (string)b!));
            Assert.Equal(2, (double)(await chromium.EvaluateAsync("document.getElementById('clusters-enrichment').tBodies[0].rows.length"))!);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
