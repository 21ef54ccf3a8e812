using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Stages;

namespace Radiogenomics.Cli.Tests;

/// <summary>
/// A throw-away workspace with the example tables (242 images × 64 features, 28 genomic features) feeding
/// associate.lme, run through the engine with a given executor; outputs are compared by their SHA-256.
/// </summary>
public sealed class ShardWorkspace : IDisposable
{
    public const string Workflow = """
        workflow: shards
        stages:
          - id: tables
            uses: fetch.tables
            inputs:
              features: features.csv
              genomics: [gene.tsv, pathway.tsv]
          - id: associate
            uses: associate.lme
            needs: [tables]
        """;

    public ShardWorkspace(string prefix = "rg-shards")
    {
        Root = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        foreach (var name in new[] { "features.csv", "gene.tsv", "pathway.tsv" })
            File.Copy(Path.Combine(CliWorkspace.RepositoryRoot, "workflows", "example", name), Path.Combine(Root, name));
        File.WriteAllText(Path.Combine(Root, "wf.yaml"), Workflow);
    }

    public string Root { get; }
    public Workspace Workspace => new(Root);

    public async Task<RunReport> RunAsync(IStageExecutor executor, bool archive = false, CancellationToken cancellationToken = default, IRunObserver? observer = null)
    {
        var engine = new WorkflowEngine(Workspace, StageCatalog.CreateRegistry(), executor: executor);
        return await engine.RunAsync(engine.Load(Path.Combine(Root, "wf.yaml")), new RunRequest { Archive = archive }, observer, cancellationToken);
    }

    /// <summary>Every output of the run's stages as "stage/output.ext" → SHA-256.</summary>
    public static SortedDictionary<string, string> Outputs(RunReport report)
    {
        Xunit.Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Status} {s.Error}")));
        return new SortedDictionary<string, string>(report.Stages
            .SelectMany(s => s.Record!.Outputs.Select(o => ($"{s.StageId}/{o.Key}{o.Value.Extension}", o.Value.Sha256)))
            .ToDictionary(o => o.Item1, o => o.Item2), StringComparer.Ordinal);
    }

    /// <summary>The shard indices the associate stage ran in this run (its "shards" fact), e.g. [3] after a resumed failure.</summary>
    public static int[] ShardsRan(RunReport report)
    {
        var facts = report["associate"].Record!.Facts;
        var shards = (System.Text.Json.JsonElement)facts["shards"]!;
        return shards.GetProperty("ran").EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }

    /// <summary>Shard records committed so far (cache/shards/**).</summary>
    public int CommittedShards => Directory.Exists(Path.Combine(Workspace.CacheDirectory, "shards"))
        ? Directory.EnumerateFiles(Path.Combine(Workspace.CacheDirectory, "shards"), "*.json", SearchOption.AllDirectories).Count() : 0;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
