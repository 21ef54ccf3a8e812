using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Provenance;
using Radiogenomics.Imaging.Dicom;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>fetch.synthetic writes real DICOM/NIfTI/GDC files and reads them back; genomics.features scores its gene sets.</summary>
public sealed class SyntheticCohortStageTests : IDisposable
{
    private readonly List<string> _roots = [];

    public void Dispose()
    {
        foreach (var root in _roots)
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A fresh workspace holding <paramref name="yaml"/> as wf.yaml; removed when the test ends.</summary>
    private string NewWorkspace(string yaml)
    {
        string root = Path.Combine(Path.GetTempPath(), "rg-synth-" + Guid.NewGuid().ToString("N")[..10]);
        _roots.Add(root);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "wf.yaml"), yaml);
        return root;
    }

    private async Task<(RunReport Report, string Root)> RunAsync()
    {
        string root = NewWorkspace("""
            workflow: synthetic
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 4, image_size: 64, max_slices: 8, seed: 7}
              - id: genomics
                uses: genomics.features
                needs: [fetch]
                params: {signatures: false}
            """);
        var engine = new WorkflowEngine(new Workspace(root), StageCatalog.CreateRegistry());
        return (await engine.RunAsync(engine.Load(Path.Combine(root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken), root);
    }

    private static Table Output(RunReport report, string root, string stage, string output) =>
        ParquetFile.Read(new ContentStore(new Workspace(root)).PathOf(report[stage].Record!.Outputs[output].Sha256));

    [Fact]
    public async Task AByteFlippedInTheGeneratedTreeIsNoticedByPlanAndVerify()
    {
        string root = NewWorkspace("""
            workflow: synthetic
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 2, image_size: 64, max_slices: 8, seed: 7}
            """);
        var engine = new WorkflowEngine(new Workspace(root), StageCatalog.CreateRegistry());
        var workflow = engine.Load(Path.Combine(root, "wf.yaml"));
        var report = await engine.RunAsync(workflow, new RunRequest(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        var instances = Output(report, root, "fetch", "dicom_instances");
        string victim = instances.GetStrings("path")[0]!;
        Assert.Contains(report["fetch"].Record!.WrittenFiles, f => f.Path == victim && f.Sha256 == instances.GetStrings("sha256")[0]);

        string path = Path.Combine(root, victim);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01; // one pixel bit
        File.WriteAllBytes(path, bytes);

        var plan = engine.Plan(workflow, []);
        Assert.Equal(StageStatus.WillRun, plan.Stages[0].Status);
        Assert.Equal($"files it wrote changed or disappeared since: {victim}", Assert.Single(plan.Stages[0].Reasons));
        var verification = RunVerifier.Verify(report.RunDirectory!);
        Assert.False(verification.Intact);
        Assert.Contains(verification.Mismatches, m => m.Contains(victim));
    }

    [Fact]
    public async Task WritesAReadableCohortAndIsReproducible()
    {
        var (report, root) = await RunAsync();
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        var series = Output(report, root, "fetch", "dicom_series");
        var instances = Output(report, root, "fetch", "dicom_instances");
        Assert.Equal(4, series.GetStrings("patient_id").Distinct().Count());
        Assert.All(series.GetStrings("modality"), m => Assert.Equal("MR", m));
        Assert.All(series.GetNullableInt32s("rows"), r => Assert.Equal(64, r));
        // Every patient has a pre-contrast and at least two post-contrast phases, in one series or several.
        foreach (var patient in series.GetStrings("patient_id").Distinct())
        {
            var mine = Enumerable.Range(0, instances.RowCount).Where(i => instances.GetStrings("patient_id")[i] == patient).ToList();
            Assert.True(mine.Select(i => instances.GetNullableInt32s("temporal_position")[i]).Distinct().Count() >= 3);
        }
        // Files read back through GDCM with the written geometry.
        var first = DicomFile.ReadPixels(Path.Combine(root, instances.GetStrings("path")[0]!));
        Assert.Equal(64 * 64, first.RescaledValues.Length);
        Assert.Empty(Output(report, root, "fetch", "errors").GetStrings("file"));
        // dcmtk's dcmdump, an independent reader, parses the files without errors (checked where dcmtk is installed).
        if (File.Exists("/usr/bin/dcmdump"))
            foreach (var path in instances.GetStrings("path").Take(3))
            {
                var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/dcmdump", $"\"{Path.Combine(root, path!)}\"") { RedirectStandardOutput = true, RedirectStandardError = true };
                using var dump = System.Diagnostics.Process.Start(psi)!;
                string output = dump.StandardOutput.ReadToEnd() + dump.StandardError.ReadToEnd();
                dump.WaitForExit();
                Assert.Equal(0, dump.ExitCode);
                Assert.DoesNotContain("E: ", output);
                Assert.Contains("(0020,0100) IS", output); // TemporalPositionIdentifier
            }

        var expression = Output(report, root, "fetch", "expression");
        Assert.Equal(4, expression.ColumnCount - 3);
        Assert.True(expression.RowCount > 10_000);
        Assert.NotEmpty(Output(report, root, "fetch", "truth").GetStrings("target"));
        Assert.Equal(4, Output(report, root, "fetch", "masks").RowCount);
        var genomic = Output(report, root, "genomics", "genomic_features");
        Assert.Contains("pathway", genomic.GetStrings("family"));

        var (again, root2) = await RunAsync();
        Assert.Equal(instances.GetStrings("sha256"), Output(again, root2, "fetch", "dicom_instances").GetStrings("sha256"));
        Assert.Equal(report["fetch"].Record!.Outputs["expression"].Sha256, again["fetch"].Record!.Outputs["expression"].Sha256);
    }

    /// <summary>
    /// The synthetic catalogue carries every gene of the six genefu signatures with its Entrez ID (fetch's genes table), and
    /// genomics.features maps by Entrez ID as genefu does, so all six compute (before: ROR-S only).
    /// </summary>
    [Fact]
    public async Task AllSixGenefuSignaturesComputeOnTheSyntheticCohort()
    {
        string root = NewWorkspace("""
            workflow: synthetic-genefu
            stages:
              - id: fetch
                uses: fetch.synthetic
                params: {preset: small, patients: 12, image_size: 64, max_slices: 8, seed: 7}
              - id: genomics
                uses: genomics.features
                needs: [fetch]
            """);
        var engine = new WorkflowEngine(new Workspace(root), StageCatalog.CreateRegistry());
        var report = await engine.RunAsync(engine.Load(Path.Combine(root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));

        var genes = Output(report, root, "fetch", "genes");
        var entrez = genes.GetNullableDoubles("entrez_id").Where(v => v is not null).Select(v => v!.Value.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var tables = Radiogenomics.Genomics.GenefuTables.Default;
        var wanted = tables.OncotypeDx.Select(g => g.EntrezId).Concat(tables.EndoPredict.Select(g => g.EntrezId)).Concat(tables.Pam50.Select(g => g.EntrezId))
            .Concat(tables.Gene70.Select(g => g.EntrezId)).Concat(tables.Pik3caGs.Select(g => g.EntrezId)).Concat(tables.GeniusModels.SelectMany(m => m.Select(g => g.EntrezId)))
            .Concat(tables.Scmod1Esr1.Select(g => g.EntrezId)).Concat(tables.Scmod1Erbb2.Select(g => g.EntrezId)).Concat(tables.Scmod1Aurka.Select(g => g.EntrezId))
            .Where(e => e is not null).Distinct().ToList();
        Assert.Empty(wanted.Where(e => !entrez.Contains(e!)));

        var features = Output(report, root, "genomics", "genomic_features");
        var names = features.GetStrings("name");
        var families = features.GetStrings("family");
        var signatures = Enumerable.Range(0, features.RowCount).Where(i => families[i] == "signature").Select(i => names[i]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "endopredict", "gene70", "genius", "oncotypedx", "pik3cags", "rors" }, signatures);
        var genomic = Output(report, root, "genomics", "genomic");
        foreach (var signature in signatures)
        {
            var values = genomic.GetNullableDoubles(signature!);
            Assert.All(values, v => Assert.True(v is { } d && double.IsFinite(d), $"{signature} has a missing or infinite score"));
            Assert.True(values.Distinct().Count() > 1, $"{signature} is constant");
        }
    }
}
