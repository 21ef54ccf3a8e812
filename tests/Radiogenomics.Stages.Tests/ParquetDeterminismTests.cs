using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// Cache keys downstream of a table are its content hash, so the same workflow run twice from an empty cache
/// must write byte-identical Parquet files: DICOM index tables, tensors (float lists), the DAE's wide feature
/// table, genomic scores and the association table.
/// </summary>
public sealed class ParquetDeterminismTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-determinism-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void The_same_workflow_twice_from_an_empty_cache_gives_byte_identical_parquet_files()
    {
        var first = Run("first");
        var second = Run("second");

        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.True(first.Count(o => o.Key.EndsWith(".parquet", StringComparison.Ordinal)) >= 15, string.Join(", ", first.Keys));
        foreach (var (output, hash) in first)
            Assert.True(hash == second[output], $"{output} differs between two runs from an empty cache: {hash} vs {second[output]}");
    }

    /// <summary>Runs the tiny seed pipeline in a fresh workspace; every stage output as "stage/output.ext" → SHA-256.</summary>
    private Dictionary<string, string> Run(string name)
    {
        var root = Path.Combine(_root, name);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "wf.yaml"), """
            workflow: determinism
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 6, image_size: 64, max_slices: 8, seed: 11}
              - id: genomics
                uses: genomics.features
                needs: [fetch]
              - id: preprocess
                uses: preprocess.dce
                needs: [fetch]
              - id: extract
                uses: extract.dae
                needs: [preprocess]
                params: {epochs: 1, threads: 1}
              - id: normalize
                uses: normalize.features
                needs: [extract]
              - id: associate
                uses: associate.lme
                needs: [normalize, genomics]
            """);
        var engine = new WorkflowEngine(new Workspace(root), StageCatalog.CreateRegistry());
        var report = engine.RunAsync(engine.Load(Path.Combine(root, "wf.yaml")), new RunRequest { Archive = false }).GetAwaiter().GetResult();
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        return report.Stages
            .SelectMany(s => s.Record!.Outputs.Select(o => ($"{s.StageId}/{o.Key}{o.Value.Extension}", o.Value.Sha256)))
            .ToDictionary(o => o.Item1, o => o.Item2);
    }
}
