using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Radiogenomics.Engine.Provenance;

namespace Radiogenomics.Report;

/// <summary>
/// The run report: one self-contained HTML file per archived run (<c>report.html</c> in the run folder) with every
/// script, style and figure inlined, so it opens offline from a file:// URL or an e-mail attachment. Written after
/// the run is archived, because the run summary (cached or executed and why, timings, failures) is only known then;
/// it reads nothing but the run folder: its RO-Crate, its workflow file's copy and its result files.
/// </summary>
public static class RunReportPage
{
    public const string FileName = "report.html";

    /// <summary>Writes <c>report.html</c> into the run folder, lists it in the run's RO-Crate, and returns its path.</summary>
    public static string Write(string runDirectory)
    {
        string html = Render(runDirectory);
        string path = Path.Combine(runDirectory, FileName);
        string temp = path + ".tmp";
        File.WriteAllText(temp, html, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
        ListInCrate(runDirectory, path);
        return path;
    }

    /// <summary>The report's HTML for an archived run.</summary>
    public static string Render(string runDirectory)
    {
        var run = RunCrateSummary.Read(runDirectory);
        VerificationReport? verification = null;
        string? verifyProblem = null;
        try { verification = RunVerifier.Verify(runDirectory); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { verifyProblem = e.Message; }
        return new ReportComposer(run, verification, verifyProblem).Compose();
    }

    /// <summary>
    /// The crate lists the report as a file about the run (root dataset's subjectOf), with its SHA-256 so Verify
    /// covers it; rewriting the report updates the entry.
    /// </summary>
    private static void ListInCrate(string runDirectory, string reportPath)
    {
        string metadata = Path.Combine(runDirectory, RunArchive.MetadataFile);
        var crate = JsonNode.Parse(File.ReadAllText(metadata))!.AsObject();
        var graph = crate["@graph"]!.AsArray();
        for (int i = graph.Count - 1; i >= 0; i--)
            if ((string?)graph[i]?["@id"] == FileName) graph.RemoveAt(i);
        string sha;
        using (var stream = File.OpenRead(reportPath)) sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        graph.Add(new JsonObject
        {
            ["@id"] = FileName, ["@type"] = "File", ["name"] = "run report (self-contained HTML)", ["encodingFormat"] = "text/html",
            ["sha256"] = sha, ["contentSize"] = new FileInfo(reportPath).Length.ToString(CultureInfo.InvariantCulture),
            ["about"] = new JsonObject { ["@id"] = "#run" },
        });
        if (graph.OfType<JsonObject>().FirstOrDefault(n => (string?)n["@id"] == "./") is { } root)
        {
            root["subjectOf"] = new JsonObject { ["@id"] = FileName };
            if (root["hasPart"] is not JsonArray parts) root["hasPart"] = parts = [];
            if (!parts.Any(p => (string?)p?["@id"] == FileName)) parts.Add(new JsonObject { ["@id"] = FileName });
        }
        string temp = metadata + ".tmp";
        File.WriteAllText(temp, crate.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, metadata, overwrite: true);
    }
}
