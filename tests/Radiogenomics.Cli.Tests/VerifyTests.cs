using Xunit;

namespace Radiogenomics.Cli.Tests;

/// <summary>Issue 19 items 4 and 9: rg verify finds a workflow's latest run, takes paths from the workspace root, explains an unfinished run; rg fsck.</summary>
public sealed class VerifyTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    public VerifyTests() => _ws.Write("a.yaml", """
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
    public void VerifyFindsTheRunAndExplainsAnUnfinishedOne()
    {
        var run = _ws.Rg("-w", "a.yaml", "run");
        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Contains("provenance: runs/study-a/", run.Out); // relative to the workspace, never ../runs

        var latest = _ws.Rg("-w", "a.yaml", "verify");
        Assert.True(latest.ExitCode == 0, latest.Out + latest.Error);
        Assert.Contains("intact", latest.Out);

        // Cake runs in build/: a relative --run is taken from the workspace root when it is not found where rg stands.
        string runFolder = Directory.EnumerateDirectories(Path.Combine(_ws.Root, "runs", "study-a")).First(d => new DirectoryInfo(d).LinkTarget is null);
        Directory.CreateDirectory(Path.Combine(_ws.Root, "build"));
        var fromBuild = RgProcess.Run(Path.Combine(_ws.Root, "build"), "--workspace", "..", "-w", "a.yaml", "verify", "runs/study-a/" + Path.GetFileName(runFolder));
        Assert.True(fromBuild.ExitCode == 0, fromBuild.Out + fromBuild.Error);

        string partial = Path.Combine(_ws.Root, "runs", "study-a", "20260101T000000.000Z-study-a-0badc0de.partial");
        Directory.CreateDirectory(Path.Combine(partial, "logs"));
        var unfinished = _ws.Rg("verify", "runs/study-a/" + Path.GetFileName(partial));
        Assert.Equal(2, unfinished.ExitCode);
        Assert.Contains("never finished archiving", unfinished.Error);
        Assert.DoesNotContain("   at ", unfinished.Error); // no stack trace
        var gc = _ws.Rg("gc");
        Assert.Contains("deleted unfinished run folder(s): study-a/20260101T000000.000Z-study-a-0badc0de.partial", gc.Out);

        var noop = _ws.Rg("-w", "a.yaml", "run");
        Assert.Contains("nothing ran: every result is already archived in runs/study-a/", noop.Out);

        var fsck = _ws.Rg("fsck");
        Assert.True(fsck.ExitCode == 0, fsck.Out + fsck.Error);
        Assert.Contains("intact", fsck.Out);
    }
}
