using Xunit;

namespace Radiogenomics.Cli.Tests;

/// <summary>
/// Issue 19 item 16, the no-op rerun: when nothing runs, the run folder is an earlier run's and its report stands as
/// written (rendering re-verifies every file of the run: 32 of 39 s of a cached default-workflow rerun measured on the
/// development machine), while <c>rg report</c> still rewrites it on request.
/// </summary>
public sealed class NoopRerunTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    public NoopRerunTests() => _ws.Write("a.yaml", """
        workflow: study-a
        stages:
          - id: tables
            uses: fetch.tables
            inputs:
              features: data/features.csv
              genomics: data/gene.tsv
        """);

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void ANoOpRerunKeepsTheArchivedRunsReport()
    {
        var first = _ws.Rg("-w", "a.yaml", "run");
        Assert.True(first.ExitCode == 0, first.Out + first.Error);
        string runFolder = Directory.EnumerateDirectories(Path.Combine(_ws.Root, "runs", "study-a")).Single(d => new DirectoryInfo(d).LinkTarget is null);
        string report = Path.Combine(runFolder, "report.html");
        var written = File.GetLastWriteTimeUtc(report);
        string crate = File.ReadAllText(Path.Combine(runFolder, "ro-crate-metadata.json"));

        var noop = _ws.Rg("-w", "a.yaml", "run");
        Assert.True(noop.ExitCode == 0, noop.Out + noop.Error);
        Assert.Contains("nothing ran", noop.Out);
        Assert.Contains($"report: runs/study-a/{Path.GetFileName(runFolder)}/report.html", noop.Out);
        Assert.Equal(written, File.GetLastWriteTimeUtc(report));
        Assert.Equal(crate, File.ReadAllText(Path.Combine(runFolder, "ro-crate-metadata.json")));

        var rewrite = _ws.Rg("-w", "a.yaml", "report");
        Assert.True(rewrite.ExitCode == 0, rewrite.Out + rewrite.Error);
        Assert.NotEqual(written, File.GetLastWriteTimeUtc(report));
    }
}
