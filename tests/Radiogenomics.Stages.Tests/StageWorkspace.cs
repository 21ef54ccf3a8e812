using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages.Tests;

/// <summary>A temporary workspace that runs one workflow file through the engine with every stage kind, and reads outputs back.</summary>
internal sealed class StageWorkspace : IDisposable
{
    public StageWorkspace(string prefix = "rg-stage") => Directory.CreateDirectory(Root = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)]));

    public string Root { get; }

    /// <summary>Writes <paramref name="yaml"/> as wf.yaml, runs it (not archived) and asserts that every stage succeeded.</summary>
    public async Task<RunReport> RunAsync(string yaml, CancellationToken cancellationToken)
    {
        var report = await RunUncheckedAsync(Root, yaml, cancellationToken);
        Xunit.Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        return report;
    }

    /// <summary>Writes <paramref name="yaml"/> as wf.yaml under <paramref name="root"/> and runs it (not archived), failed stages and all.</summary>
    public static async Task<RunReport> RunUncheckedAsync(string root, string yaml, CancellationToken cancellationToken)
    {
        File.WriteAllText(Path.Combine(root, "wf.yaml"), yaml);
        var engine = new WorkflowEngine(new Workspace(root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: cancellationToken);
    }

    /// <summary>A standard normal draw (Box–Muller) for the tests' simulated cohorts.</summary>
    public static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public string OutputPath(RunReport report, string stage, string output) =>
        new ContentStore(new Workspace(Root)).PathOf(report[stage].Record!.Outputs[output].Sha256);

    public Table Output(RunReport report, string stage, string output) => ParquetFile.Read(OutputPath(report, stage, output));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
