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
}
