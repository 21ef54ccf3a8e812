using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>Issue 19 item 14: where a default differs from the R reference, the product says so or behaves as R does.</summary>
public sealed class ReferenceDefaultsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-refdefaults-" + Guid.NewGuid().ToString("N")[..10]);

    public ReferenceDefaultsTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>40 patients, 2 images each; feature 'rank' follows the patient index almost exactly, GENE_A is the index, GENE_B has one NA.</summary>
    private async Task<RunReport> RunAsync(string stages)
    {
        var features = new StringBuilder("image_id,patient_id,rank,noise\n");
        var genes = new StringBuilder("patient_id\tGENE_A\tGENE_B\n");
        var rng = new Random(3);
        for (int p = 0; p < 40; p++)
        {
            int rank = p == 5 ? 6 : p == 6 ? 5 : p; // one swapped pair: rho just below 1
            for (int i = 0; i < 2; i++)
                features.Append(CultureInfo.InvariantCulture, $"P{p:00}-{i},P{p:00},{rank + 0.01 * i:R},{rng.NextDouble():R}\n");
            genes.Append(CultureInfo.InvariantCulture, $"P{p:00}\t{p}\t{(p == 17 ? "NA" : rng.NextDouble().ToString("R", CultureInfo.InvariantCulture))}\n");
        }
        File.WriteAllText(Path.Combine(_root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(_root, "genes.tsv"), genes.ToString());
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), "workflow: refs\nstages:\n  - id: tables\n    uses: fetch.tables\n    inputs: {features: features.csv, genomics: genes.tsv}\n" + stages);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest(), cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task MissingGenomicFailStopsLikeNaFailNamingTheValue()
    {
        var report = await RunAsync("  - id: lme\n    uses: associate.lme\n    needs: [tables]\n    params: {missing_genomic: fail}\n");
        Assert.Equal(StageStatus.Failed, report["lme"].Status);
        Assert.Contains("genomic feature 'GENE_B', patient P17", report["lme"].Error);
        Assert.Contains("missing_genomic: omit", report["lme"].Error);
    }

    [Fact]
    public async Task SpearmanGivesAnAsymptoticPThatIsNeverZero()
    {
        var report = await RunAsync("  - id: cor\n    uses: associate.correlation\n    needs: [tables]\n    params: {method: spearman}\n");
        Assert.True(report.Succeeded, report["cor"].Error);
        var table = ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report["cor"].Record!.Outputs["associations"].Sha256));
        var p = table.GetNullableDoubles("p");
        var asymptotic = table.GetNullableDoubles("p_asymptotic");
        int rankGeneA = Enumerable.Range(0, table.RowCount).Single(i => table.GetStrings("feature")[i] == "rank" && table.GetStrings("genomic_feature")[i] == "GENE_A");
        Assert.Equal(0.0, p[rankGeneA]); // R's cor.test gives 0 here too (AS 89's Edgeworth series underflows)
        Assert.True(asymptotic[rankGeneA] is > 0 and < 1e-20, $"p_asymptotic {asymptotic[rankGeneA]}");
    }

    [Fact]
    public void DescribeSaysWhereDefaultsDifferFromR()
    {
        var registry = StageCatalog.CreateRegistry();
        Assert.True(registry.TryGet("genomics.features", out var genomics));
        Assert.Contains("GSVA's own default (min.sz) is 1", genomics!.Parameters.Single(p => p.Name == "min_set_size").Description);
        Assert.True(registry.TryGet("normalize.features", out var normalize));
        Assert.Contains("differs from preprocessCore", normalize!.Parameters.Single(p => p.Name == "method").Description);
    }
}
