using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>associate.limma compares patient-level radiomic features between two clinical groups.</summary>
public sealed class LimmaStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-limma-" + Guid.NewGuid().ToString("N")[..10]);

    public LimmaStageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task GroupDifferenceIsTheCoefficientAndThePlantedFeatureLeads()
    {
        var rng = new Random(4);
        var features = new StringBuilder("image_id,patient_id,shifted,null_a,null_b\n");
        var clinical = new StringBuilder("patient_id\ter_status\n");
        for (int p = 0; p < 12; p++)
        {
            bool positive = p % 2 == 0;
            clinical.Append($"P{p:00}\t{(positive ? "Positive" : "Negative")}\n");
            for (int i = 0; i < 3; i++)
                features.Append(CultureInfo.InvariantCulture, $"P{p:00}-{i},P{p:00},{(positive ? 3.0 : 0.0) + rng.NextDouble():R},{rng.NextDouble():R},{rng.NextDouble():R}\n");
        }
        File.WriteAllText(Path.Combine(_root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(_root, "genes.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, 12).Select(p => $"P{p:00}\t{p}\n")));
        File.WriteAllText(Path.Combine(_root, "clinical.tsv"), clinical.ToString());
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), """
            workflow: limma
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv}
              - id: local
                uses: fetch.local
                inputs: {clinical: clinical.tsv}
              - id: limma
                uses: associate.limma
                needs: [tables, local]
                inputs: {clinical: local.clinical}   # fetch.tables writes a (here empty) clinical table too
                params: {group_column: er_status, group: Positive, reference: Negative, sort_by: B}
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        var report = await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var store = new ContentStore(new Workspace(_root));
        var table = ParquetFile.Read(store.PathOf(report["limma"].Record!.Outputs["differences"].Sha256));
        Assert.Equal("shifted", table.GetStrings("feature")[0]);
        Assert.True(table.GetDoubles("adj.P.Val")[0] < 1e-6);

        // For an intercept + group design the coefficient is the difference of the groups' patient means.
        var fm = FeatureMatrix.Read(store.PathOf(report["tables"].Record!.Outputs["features"].Sha256));
        var patients = fm.PatientIds.Select(x => x!).Distinct().Order(StringComparer.Ordinal).ToList();
        var means = PatientAggregation.Aggregate(fm, patients, median: false);
        double expected = Enumerable.Range(0, 12).Where(p => p % 2 == 0).Average(p => means[0][p]) - Enumerable.Range(0, 12).Where(p => p % 2 == 1).Average(p => means[0][p]);
        Assert.Equal(expected, table.GetDoubles("logFC")[0], 1e-12);
    }

    /// <summary>trend: true is limma's eBayes(trend = TRUE) on the stage's patient matrix (the library is golden-tested against limma).</summary>
    [Fact]
    public async Task TrendModeratesWithTheIntensityDependentPrior()
    {
        var rng = new Random(8);
        const int Features = 40;
        var features = new StringBuilder("image_id,patient_id," + string.Join(",", Enumerable.Range(0, Features).Select(f => $"f{f:00}")) + "\n");
        var clinical = new StringBuilder("patient_id\tgroup01\n");
        for (int p = 0; p < 10; p++)
        {
            clinical.Append($"P{p:00}\t{p % 2}\n");
            // Feature f has mean f/4 and a spread that falls with it: a mean–variance trend.
            features.Append($"P{p:00}-a,P{p:00}").AppendJoin("", Enumerable.Range(0, Features).Select(f =>
                string.Create(CultureInfo.InvariantCulture, $",{f / 4.0 + 2 * Math.Exp(-f / 10.0) * StageWorkspace.Normal(rng) + (f < 4 && p % 2 == 1 ? 1.5 : 0):R}"))).Append('\n');
        }
        File.WriteAllText(Path.Combine(_root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(_root, "genes.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, 10).Select(p => $"P{p:00}\t{p}\n")));
        File.WriteAllText(Path.Combine(_root, "clinical.tsv"), clinical.ToString());
        var report = await StageWorkspace.RunUncheckedAsync(_root, """
            workflow: limma-trend
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv, clinical: clinical.tsv}
              - id: flat
                uses: associate.limma
                needs: [tables]
                params: {group_column: group01, group: "1", reference: "0"}
              - id: trend
                uses: associate.limma
                needs: [tables]
                params: {group_column: group01, group: "1", reference: "0", trend: true}
              - id: robust
                uses: associate.limma
                needs: [tables]
                params: {group_column: group01, group: "1", reference: "0", trend: true, robust: true}
            """, TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var store = new ContentStore(new Workspace(_root));
        var flat = ParquetFile.Read(store.PathOf(report["flat"].Record!.Outputs["differences"].Sha256));
        var trend = ParquetFile.Read(store.PathOf(report["trend"].Record!.Outputs["differences"].Sha256));

        var fm = FeatureMatrix.Read(store.PathOf(report["tables"].Record!.Outputs["features"].Sha256));
        var patients = fm.PatientIds.Select(x => x!).Distinct().Order(StringComparer.Ordinal).ToList();
        var matrix = Radiogenomics.Genomics.ExpressionMatrix.FromRows(fm.FeatureNames, patients, PatientAggregation.Aggregate(fm, patients, median: false));
        var (design, names) = Radiogenomics.Genomics.LinearModel.TwoGroupDesign(patients.Select((_, p) => p % 2 == 1 ? "group" : "reference").ToList(), "reference");
        var expected = Radiogenomics.Genomics.EmpiricalBayes.Moderate(Radiogenomics.Genomics.LinearModel.Fit(matrix, design, names), trend: true);
        for (int f = 0; f < Features; f++) Assert.Equal(expected.T(f, 1), trend.GetDoubles("t")[f], 1e-12);
        Assert.True(expected.S2Prior[0] > 5 * expected.S2Prior[Features - 1], "the prior should follow the planted trend");
        Assert.NotEqual(flat.GetDoubles("t")[0], trend.GetDoubles("t")[0]);

        // robust: true is eBayes(trend = TRUE, robust = TRUE) (golden-tested against limma in Genomics.Tests).
        var robust = ParquetFile.Read(store.PathOf(report["robust"].Record!.Outputs["differences"].Sha256));
        var expectedRobust = Radiogenomics.Genomics.EmpiricalBayes.Moderate(Radiogenomics.Genomics.LinearModel.Fit(matrix, design, names), trend: true, robust: true);
        for (int f = 0; f < Features; f++) Assert.Equal(expectedRobust.T(f, 1), robust.GetDoubles("t")[f], 1e-12);
        Assert.Equal(Features, expectedRobust.DfPriors.Count);
    }

    [Fact]
    public void AMissingGroupColumnIsAValidationProblemWithTheStagesLine()
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), """
            workflow: limma
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv}
              - id: local
                uses: fetch.local
                inputs: {clinical: clinical.tsv}
              - id: limma
                uses: associate.limma
                needs: [tables, local]
            """);
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        var e = Assert.Throws<Radiogenomics.Engine.Workflow.WorkflowValidationException>(() => engine.Load(Path.Combine(_root, "wf.yaml")));
        Assert.All(e.Problems, p => Assert.Equal(9, p.Location.Line)); // "- id: limma"
        Assert.Contains(e.Problems, p => p.Message.Contains("needs parameter 'group_column'"));
        Assert.Contains(e.Problems, p => p.Message.Contains("needs parameter 'group'")); // levels are named, never taken from sort order
        Assert.Contains(e.Problems, p => p.Message.Contains("needs parameter 'reference'"));
    }

    [Fact]
    public async Task ColumnsAreTopTablesInInputOrderAndTheSignFollowsTheNamedLevels()
    {
        var features = new StringBuilder("image_id,patient_id,null_a,shifted,null_b\n");
        var clinical = new StringBuilder("patient_id\tgroup01\n");
        var rng = new Random(7);
        for (int p = 0; p < 10; p++)
        {
            clinical.Append($"P{p:00}\t{p % 2}\n"); // 0/1 coding
            features.Append(CultureInfo.InvariantCulture, $"P{p:00}-0,P{p:00},{rng.NextDouble():R},{(p % 2 == 1 ? 2.0 : 0.0) + rng.NextDouble():R},{rng.NextDouble():R}\n");
        }
        File.WriteAllText(Path.Combine(_root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(_root, "genes.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, 10).Select(p => $"P{p:00}\t{p}\n")));
        File.WriteAllText(Path.Combine(_root, "clinical.tsv"), clinical.ToString());
        async Task<Table> Run(string group, string reference)
        {
            File.WriteAllText(Path.Combine(_root, "wf.yaml"), $$"""
                workflow: limma01
                stages:
                  - id: tables
                    uses: fetch.tables
                    inputs: {features: features.csv, genomics: genes.tsv}
                  - id: local
                    uses: fetch.local
                    inputs: {clinical: clinical.tsv}
                  - id: limma
                    uses: associate.limma
                    needs: [tables, local]
                    inputs: {clinical: local.clinical}
                    params: {group_column: group01, group: "{{group}}", reference: "{{reference}}"}
                """);
            var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
            var report = await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(report.Succeeded, report["limma"].Error ?? report["local"].Error);
            return ParquetFile.Read(new ContentStore(new Workspace(_root)).PathOf(report["limma"].Record!.Outputs["differences"].Sha256));
        }
        var oneVsZero = await Run("1", "0");
        Assert.Equal(["feature", "kernel", "logFC", "AveExpr", "t", "P.Value", "adj.P.Val", "B"], oneVsZero.ColumnNames);
        Assert.Equal(["null_a", "shifted", "null_b"], oneVsZero.GetStrings("feature")); // input order, as topTable(sort.by = "none")
        Assert.True(oneVsZero.GetDoubles("logFC")[1] > 1.5);
        var zeroVsOne = await Run("0", "1");
        Assert.Equal(-oneVsZero.GetDoubles("logFC")[1], zeroVsOne.GetDoubles("logFC")[1], 1e-12); // the sign follows the named levels
    }
}
