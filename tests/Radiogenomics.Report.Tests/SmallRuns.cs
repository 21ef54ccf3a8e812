using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Stages;

namespace Radiogenomics.Report.Tests;

/// <summary>
/// Two archived runs of a small workflow through the real engine, made once for the test class: the example tables
/// (242 images × 64 features, 28 genomic features) into associate.lme, beside a branch whose input table is broken,
/// so the first run has executed, failed and skipped stages and the second the same with the good branch cached.
/// </summary>
public sealed class SmallRuns : IDisposable
{
    public const string Workflow = """
        workflow: report-test
        stages:
          - id: tables
            uses: fetch.tables
            inputs:
              features: features.csv
              genomics: [gene.tsv, pathway.tsv]
          - id: associate
            uses: associate.lme
            needs: [tables]
          - id: broken
            uses: fetch.tables
            needs: [associate]   # after associate, so the failure cannot stop it
            inputs:
              features: broken.csv
              genomics: [gene.tsv]
          - id: after_broken
            uses: normalize.features
            needs: [broken]
        """;

    public SmallRuns()
    {
        Root = Path.Combine(Path.GetTempPath(), "rg-report-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
        foreach (var file in new[] { "features.csv", "gene.tsv", "pathway.tsv" })
            File.Copy(Path.Combine(RepositoryPaths.Root, "workflows/example", file), Path.Combine(Root, file));
        File.WriteAllText(Path.Combine(Root, "broken.csv"), "image_id,patient_id,f1\ni1,TCGA-EX-0001,1.5\ni2,TCGA-EX-0001,not-a-number\n");
        File.WriteAllText(Path.Combine(Root, "wf.yaml"), Workflow);
        First = Run();
        Second = Run();
    }

    public string Root { get; }
    public RunReport First { get; }
    public RunReport Second { get; }

    private RunReport Run()
    {
        var engine = new WorkflowEngine(new Workspace(Root), StageCatalog.CreateRegistry(), software: StageCatalog.Software());
        return engine.RunAsync(engine.Load(Path.Combine(Root, "wf.yaml")), new RunRequest()).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
