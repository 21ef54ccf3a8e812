using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Provenance;
using Xunit;

namespace Radiogenomics.Report.Tests;

/// <summary>The report's HTML for real archived runs: sections follow the data, failures are shown, nothing points off the page.</summary>
[Collection(SmallRunsCollection.Name)]
public sealed partial class ReportPageTests(SmallRuns runs)
{
    [Fact]
    public void TheRunsHaveWhatTheTestsNeed()
    {
        Assert.Equal(StageStatus.Executed, runs.First["associate"].Status);
        Assert.Equal(StageStatus.Failed, runs.First["broken"].Status);
        Assert.Equal(StageStatus.Skipped, runs.First["after_broken"].Status);
        Assert.Equal(StageStatus.Cached, runs.Second["associate"].Status);
        Assert.NotNull(runs.First.RunDirectory);
    }

    [Fact]
    public void AFailedRunGetsAReportWithTheFailureAndItsMessage()
    {
        string html = RunReportPage.Render(runs.First.RunDirectory!);
        string error = runs.First["broken"].Error!;
        Assert.Contains("not-a-number", error);
        Assert.Contains("<span class=\"badge bad\">failed</span>", html);
        var failure = Regex.Match(html, "<div class=\"failure\" data-stage=\"broken\">(.*?)</div>", RegexOptions.Singleline);
        Assert.True(failure.Success, "no failure box for the broken stage");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(error), failure.Value);
        Assert.Contains("logs/broken", failure.Value); // the failure report in the run folder is linked
        Assert.Matches("<tr data-stage=\"after_broken\">.*?<td class=\"status-skipped\">skipped</td>", html);
    }

    [Fact]
    public void SectionsAppearOnlyWhenTheRunHasTheirData()
    {
        string html = RunReportPage.Render(runs.First.RunDirectory!);
        var sections = SectionIds().Matches(html).Select(m => m.Groups[1].Value).ToList();
        // tables → associate: summary, workflow graph and associations (its two figures are in that section, so no
        // "Other figures"); no preprocess, extract or evaluate stage ran.
        Assert.Equal(["summary", "dag", "associations"], sections);
        Assert.Contains("id=\"associate-heatmap\"", html);
        Assert.Contains("id=\"associate-top\"", html);
        Assert.Contains("id=\"associate-volcano\"", html);
        Assert.Contains("data-output=\"associate/heatmap_top\"", html);
        Assert.DoesNotContain("id=\"cohort\"", html);
        Assert.DoesNotContain("id=\"autoencoder\"", html);
    }

    [Fact]
    public void TheReportNeedsNoNetwork()
    {
        string html = RunReportPage.Render(runs.First.RunDirectory!);
        // Outside the scripts (Plotly's code holds URLs it never loads here; the browser test checks requests),
        // every src and href is inline data, an anchor or a file of the run folder: nothing with a scheme, no http.
        string markup = Regex.Replace(html, "<script.*?</script>", "", RegexOptions.Singleline);
        var references = SrcOrHref().Matches(markup).Select(m => m.Groups[2].Value).ToList();
        Assert.Contains(references, r => r.StartsWith("data:image/svg+xml;base64,", StringComparison.Ordinal));
        Assert.Contains(references, r => r == "ro-crate-metadata.json");
        Assert.All(references, r => Assert.True(r.StartsWith("data:", StringComparison.Ordinal) || (!r.Contains(':') && !r.Contains("http", StringComparison.OrdinalIgnoreCase)), r[..Math.Min(80, r.Length)]));
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("<script src", html);
        Assert.StartsWith("plotly.js-cartesian-dist-min ", PlotlyLibrary.Version);
        Assert.Contains("/* " + PlotlyLibrary.Version + " (MIT) */", html);
        Assert.True(html.Length > 1_400_000, "Plotly is inlined");
    }

    [Fact]
    public void TheTopHitTableIsSortedByQAndCarriesNumbersForSorting()
    {
        string html = RunReportPage.Render(runs.First.RunDirectory!);
        var table = Regex.Match(html, "<table class=\"data\" id=\"associate-top\">.*?</table>", RegexOptions.Singleline).Value;
        var header = Regex.Matches(Regex.Match(table, "<thead>.*?</thead>").Value, "<th(?:\\s[^>]*)?>(.*?)</th>").Select(m => m.Groups[1].Value).ToList();
        Assert.All(header, h => Assert.DoesNotContain("<", h)); // one cell per name: the pattern must not take <thead> for a cell
        int qColumn = header.IndexOf("q");
        Assert.True(qColumn >= 0);
        string body = Regex.Match(table, "<tbody>.*?</tbody>", RegexOptions.Singleline).Value;
        var q = Regex.Matches(body, "<tr>(.*?)</tr>").Select(r => Regex.Matches(r.Groups[1].Value, "<td[^>]*?(?: data-v=\"([^\"]*)\")?>").ElementAt(qColumn).Groups[1].Value)
            .Where(v => v.Length > 0).Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(q.Count > 10);
        Assert.Equal(q.Order().ToList(), q);
    }

    [Fact]
    public void TheReportIsListedInTheCrateAndVerifies()
    {
        string dir = runs.Second.RunDirectory!;
        string path = RunReportPage.Write(dir);
        Assert.Equal(Path.Combine(dir, "report.html"), path);
        var graph = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, RunArchive.MetadataFile)))!["@graph"]!.AsArray();
        var root = graph.First(n => (string?)n!["@id"] == "./")!;
        Assert.Equal("report.html", (string?)root["subjectOf"]!["@id"]);
        Assert.Single(graph, n => (string?)n!["@id"] == "report.html");
        RunReportPage.Write(dir); // writing again replaces the entry
        graph = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, RunArchive.MetadataFile)))!["@graph"]!.AsArray();
        Assert.Single(graph, n => (string?)n!["@id"] == "report.html");
        Assert.True(RunVerifier.Verify(dir).Intact);
        Assert.Contains("<span class=\"badge ok\">intact</span>", File.ReadAllText(path));
    }

    [Fact]
    public void TheSummaryShowsCachedStagesAndWhyOthersRan()
    {
        string html = RunReportPage.Render(runs.Second.RunDirectory!);
        Assert.Matches("<tr data-stage=\"associate\">.*?<td class=\"status-cached\">cached</td>", html);
        string first = RunReportPage.Render(runs.First.RunDirectory!);
        Assert.Matches("<tr data-stage=\"associate\">.*?<td class=\"status-executed\">executed</td>.*?executed because: ", first);
    }

    [GeneratedRegex("<section id=\"([^\"]+)\">")]
    private static partial Regex SectionIds();

    [GeneratedRegex("(src|href)=\"([^\"]*)\"")]
    private static partial Regex SrcOrHref();
}
