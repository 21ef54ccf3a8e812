using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;

namespace Radiogenomics.Report.Tests;

/// <summary>
/// Explicit (run on purpose, after <c>./build.sh</c>): opens the default run's report in headless Chromium, prints its
/// file size and open time (navigation start to every plot drawn), checks it like the small run's, and saves the
/// README's screenshots to docs/. RG_REPORT_RUN names the run folder; default: the default workflow's newest run (runs/default/).
/// </summary>
public sealed class DefaultRunReportMeasurement(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public async Task MeasureAndScreenshotTheDefaultRunsReport()
    {
        // Runs are archived as runs/<workflow>/<UTC timestamp>-<workflow>-<hash>; the name sorts by time.
        string runs = Path.Combine(RepositoryPaths.Root, "runs", "default");
        string run = Environment.GetEnvironmentVariable("RG_REPORT_RUN")
            ?? Directory.EnumerateDirectories(runs).Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0]) && File.Exists(Path.Combine(d, "ro-crate-metadata.json")))
                .OrderByDescending(Path.GetFileName, StringComparer.Ordinal).First();
        var write = Stopwatch.StartNew();
        string path = RunReportPage.Write(run);
        write.Stop();
        long bytes = new FileInfo(path).Length;

        var opens = new List<(double Ready, double Load)>();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            await using var chromium = await HeadlessChromium.StartAsync(1280, 1000);
            await chromium.NavigateAsync(new Uri(path).AbsoluteUri, TimeSpan.FromSeconds(60));
            double ready = (double)(await chromium.WaitForAsync("window.reportReady", TimeSpan.FromSeconds(60)));
            double load = (double)(await chromium.EvaluateAsync("performance.getEntriesByType('navigation')[0].loadEventEnd"))!;
            opens.Add((ready, load));
            var metrics = await chromium.MetricsAsync();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"main thread busy {metrics["TaskDuration"] * 1000:0} ms (script {metrics["ScriptDuration"] * 1000:0}, layout {metrics["LayoutDuration"] * 1000:0}, style {metrics["RecalcStyleDuration"] * 1000:0})"));
            output.WriteLine("marks (ms): " + (await chromium.EvaluateAsync("JSON.stringify(performance.getEntriesByType('mark').map(function (m) { return m.name + ' ' + Math.round(m.startTime); }))")));
            Assert.Empty(chromium.Errors);
            Assert.All(chromium.Requests, r => Assert.True(r.StartsWith("file:", StringComparison.Ordinal) || r.StartsWith("data:", StringComparison.Ordinal), r));
            var state = JsonNode.Parse((string)(await chromium.EvaluateAsync(ReportInChromiumTests.RenderedState))!)!;
            Assert.All(state["plots"]!.AsArray(), p => Assert.True((int)p!["marks"]! > 0, $"{p["id"]}: empty"));
            Assert.All(state["images"]!.AsArray(), i => Assert.True((bool)i!["ok"]!, $"{i["alt"]}"));
            if (attempt > 0) continue;
            output.WriteLine("sections: " + string.Join(", ", state["sections"]!.AsArray()));
            string docs = Path.Combine(RepositoryPaths.Root, "docs");
            await chromium.EvaluateAsync("document.querySelector('nav').style.position = 'static'"); // the sticky bar would cover the sections
            await File.WriteAllBytesAsync(Path.Combine(docs, "report-summary.png"), await chromium.ScreenshotAsync(0, 0, 1280, 1000));
            foreach (var (element, file) in new[] { ("associate-heatmap", "report-heatmap.png"), ("extract-losses", "report-losses.png") })
            {
                var rect = await chromium.EvaluateAsync($"(function () {{ var e = document.getElementById('{element}'); if (!e) return null; e.scrollIntoView(); var r = e.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }})()");
                if (rect is not JsonArray r) continue;
                await File.WriteAllBytesAsync(Path.Combine(docs, file), await chromium.ScreenshotAsync((double)r[0]!, (double)r[1]!, (double)r[2]!, (double)r[3]!));
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {bytes / 1048576.0:0.00} MiB, written in {write.Elapsed.TotalSeconds:0.0} s; opened in {string.Join(", ", opens.Select(o => $"{o.Ready:0} ms to all plots drawn (load event {o.Load:0} ms)"))}"));
    }
}
