using System.Text.Json.Nodes;
using Xunit;

namespace Radiogenomics.Report.Tests;

/// <summary>
/// Explicit (run on purpose): the README's screenshots of the classifier and survival sections, from the reports of
/// <see cref="OutcomeRuns"/>' small runs (the default workflow has no classify or survive stage), saved to docs/.
/// </summary>
[Collection(SmallRunsCollection.Name)]
public sealed class OutcomeReportScreenshots(OutcomeRuns runs, ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public async Task ScreenshotTheOutcomeSections()
    {
        string docs = Path.Combine(RepositoryPaths.Root, "docs");
        foreach (var (run, shots) in new[]
                 {
                     (runs.Classify, new[] { ("evaluate-roc", "report-roc.png"), ("evaluate-decision", "report-decision.png") }),
                     (runs.Survive, new[] { ("km-km", "report-km.png"), ("cox-forest", "report-forest.png") }),
                 })
        {
            string path = RunReportPage.Write(run.RunDirectory!);
            output.WriteLine($"{path}: {new FileInfo(path).Length / 1048576.0:0.00} MiB");
            await using var chromium = await HeadlessChromium.StartAsync(1280, 1000);
            await chromium.NavigateAsync(new Uri(path).AbsoluteUri, TimeSpan.FromSeconds(60));
            await chromium.WaitForAsync("window.reportReady", TimeSpan.FromSeconds(60));
            Assert.Empty(chromium.Errors);
            await chromium.EvaluateAsync("document.querySelector('nav').style.position = 'static'");
            foreach (var (element, file) in shots)
            {
                // the plot; under the KM plot also its number-at-risk table
                var rect = await chromium.EvaluateAsync($"(function () {{ var e = document.getElementById('{element}'); e.scrollIntoView(); var r = e.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; }})()");
                var r = (JsonArray)rect!;
                double extra = element == "km-km" ? 150 : 0;
                await File.WriteAllBytesAsync(Path.Combine(docs, file), await chromium.ScreenshotAsync((double)r[0]!, (double)r[1]!, (double)r[2]!, (double)r[3]! + extra));
                output.WriteLine($"docs/{file}");
            }
        }
    }
}
