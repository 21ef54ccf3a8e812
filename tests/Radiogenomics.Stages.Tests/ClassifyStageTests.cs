using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// classify.lasso and evaluate.classifiers through the engine on a simulated cohort: 100 patients × 5 images, 30 features
/// made of a patient-specific profile plus image noise; label 'signal' follows feature f0's patient mean, label 'chance'
/// is a coin flip per patient. The patient split estimates both honestly; the image split lets the model recognise
/// patients from their other images and inflates the chance label.
/// </summary>
public sealed class ClassifyStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-classify-" + Guid.NewGuid().ToString("N")[..10]);

    public ClassifyStageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void WriteCohort(Func<int, string>? extraClinical = null, string extraHeader = "")
    {
        var rng = new Random(12);
        const int patients = 100, images = 5, p = 30;
        var features = new StringBuilder("image_id,patient_id," + string.Join(",", Enumerable.Range(0, p).Select(j => $"f{j}")) + "\n");
        var clinical = new StringBuilder("patient_id\tsignal\tchance\tscore\ter" + extraHeader + "\n");
        for (int i = 0; i < patients; i++)
        {
            var profile = Enumerable.Range(0, p).Select(_ => StageWorkspace.Normal(rng)).ToArray();
            int signal = profile[0] + 0.5 * StageWorkspace.Normal(rng) > 0 ? 1 : 0;
            int chance = rng.NextDouble() < 0.5 ? 1 : 0;
            clinical.Append(CultureInfo.InvariantCulture, $"P{i:00}\t{signal}\t{chance}\t{profile[0] + StageWorkspace.Normal(rng):R}\t{(signal == 1 ? "Positive" : "Negative")}{extraClinical?.Invoke(i)}\n");
            for (int m = 0; m < images; m++)
                features.Append(CultureInfo.InvariantCulture, $"P{i:00}-{m},P{i:00},{string.Join(",", profile.Select(v => (v + 0.3 * StageWorkspace.Normal(rng)).ToString("R", CultureInfo.InvariantCulture)))}\n");
        }
        File.WriteAllText(Path.Combine(_root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(_root, "genes.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, patients).Select(i => $"P{i:00}\t{i}\n")));
        File.WriteAllText(Path.Combine(_root, "clinical.tsv"), clinical.ToString());
    }


    private async Task<(RunReport Report, ContentStore Store)> Run(string stages)
    {
        var report = await StageWorkspace.RunUncheckedAsync(_root, """
            workflow: classify
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv, clinical: clinical.tsv}

            """ + stages, TestContext.Current.CancellationToken);
        return (report, new ContentStore(new Workspace(_root)));
    }

    private static Dictionary<string, double> Metrics(ContentStore store, RunReport report, string stage)
    {
        var t = ParquetFile.Read(store.PathOf(report[stage].Record!.Outputs["metrics"].Sha256));
        var names = t.GetStrings("metric");
        var values = t.GetNullableDoubles("value");
        return names.Zip(values).ToDictionary(x => x.First!, x => x.Second ?? double.NaN);
    }

    [Fact]
    public async Task HonestSplitFindsTheSignalAndNotTheChanceLabel_ImageSplitInflatesIt()
    {
        WriteCohort();
        var (report, store) = await Run("""
              - id: signal
                uses: classify.lasso
                needs: [tables]
                params: {label: signal}
              - id: chance
                uses: classify.lasso
                needs: [tables]
                params: {label: chance}
              - id: chance_leaky
                uses: classify.lasso
                needs: [tables]
                params: {label: chance, split: image}
              - id: chance_enet
                uses: classify.lasso
                needs: [tables]
                params: {label: chance, alpha: 0.5}
              - id: evaluate
                uses: evaluate.classifiers
                needs: [signal, chance, chance_leaky, chance_enet]
                inputs: {predictions: signal.predictions, predictions_2: chance.predictions, predictions_3: chance_leaky.predictions, predictions_4: chance_enet.predictions}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        var signal = Metrics(store, report, "signal");
        var chance = Metrics(store, report, "chance");
        var leaky = Metrics(store, report, "chance_leaky");
        Assert.True(signal["auc"] > 0.8, $"signal AUC {signal["auc"]}");
        Assert.True(chance["auc_ci_lower"] < 0.5 && chance["auc_ci_upper"] > 0.5, $"chance AUC {chance["auc"]} CI {chance["auc_ci_lower"]}–{chance["auc_ci_upper"]}");
        Assert.True(leaky["auc"] > chance["auc"] + 0.2, $"leaky AUC {leaky["auc"]} vs honest {chance["auc"]}");
        Assert.Equal(1, leaky["leaky"]);
        Assert.Equal(0, chance["leaky"]);
        Assert.Equal(100, chance["patients"]);
        var warnings = report["chance_leaky"].Record!.Facts["warnings"];
        Assert.Contains("split: image", warnings is System.Text.Json.JsonElement json ? json.GetRawText() : string.Join("; ", (string[])warnings!), StringComparison.Ordinal);

        // Predictions: one row per patient (mean image probability), every patient once, folds 1..5; the leaky run per image.
        var pred = ParquetFile.Read(store.PathOf(report["chance"].Record!.Outputs["predictions"].Sha256));
        Assert.Equal(100, pred.RowCount);
        Assert.Equal(100, pred.GetStrings("patient_id").Distinct().Count());
        Assert.Equal(500, ParquetFile.Read(store.PathOf(report["chance_leaky"].Record!.Outputs["predictions"].Sha256)).RowCount);
        // evaluate.classifiers: the same AUCs, leaky marked, one paired comparison (the two honest models of 'chance').
        var auc = ParquetFile.Read(store.PathOf(report["evaluate"].Record!.Outputs["auc"].Sha256));
        Assert.Equal(["signal", "chance", "chance_leaky", "chance_enet"], auc.GetStrings("model"));
        Assert.Equal(chance["auc"], auc.GetDoubles("auc")[1], 12);
        Assert.Equal([false, false, true, false], auc.GetBools("leaky"));
        var comparisons = ParquetFile.Read(store.PathOf(report["evaluate"].Record!.Outputs["comparisons"].Sha256));
        Assert.Equal(["chance"], comparisons.GetStrings("model_a"));
        Assert.Equal(["chance_enet"], comparisons.GetStrings("model_b"));
        Assert.InRange(comparisons.GetNullableDoubles("p")[0]!.Value, 0, 1);
        var curve = ParquetFile.Read(store.PathOf(report["evaluate"].Record!.Outputs["decision_curve"].Sha256));
        Assert.Equal(4 * 99, curve.RowCount);
        Assert.True(File.Exists(store.PathOf(report["evaluate"].Record!.Outputs["roc"].Sha256)));
        Assert.Contains("ROC of held-out predictions", File.ReadAllText(store.PathOf(report["evaluate"].Record!.Outputs["roc_svg"].Sha256)));

        // Coefficients: both rules, the intercept first.
        var coef = ParquetFile.Read(store.PathOf(report["signal"].Record!.Outputs["coefficients"].Sha256));
        Assert.Equal("(Intercept)", coef.GetStrings("term")[0]);
        Assert.Contains("f0", coef.GetStrings("term"));
        Assert.Equal(["lambda.1se", "lambda.min"], coef.GetStrings("rule").Distinct().Order().ToArray());
    }

    [Fact]
    public void TheClassifyWorkflowValidates()
    {
        var engine = new WorkflowEngine(new Workspace(_root), StageCatalog.CreateRegistry());
        var workflow = engine.Load(Path.Combine(RepositoryPaths.Root, "workflows/classify-synthetic.yaml"));
        Assert.Equal("ER Status", workflow["er"].Parameters.GetString("label"));
        Assert.Equal("image", workflow["null_label_image_split"].Parameters.GetString("split"));
        Assert.Equal("Null Label", workflow["null_label"].Parameters.GetString("label"));
        Assert.Equal("evaluate.classifiers", workflow["evaluate"].Kind.Name);
    }

    [Theory]
    [InlineData("{label: signal, folds: 101}", "fewer than the 101 folds")]
    [InlineData("{label: signal, inner_folds: 10}", "fewer than 10 patients per inner fold")]
    [InlineData("{label: nothing}", "column 'nothing'")]
    [InlineData("{label: er}", "set positive:")]
    [InlineData("{label: score}", "values other than 0 and 1")]
    [InlineData("{label: er, positive: Positive, rule: threshold}", "threshold or quantile rule cannot apply")]
    [InlineData("{label: constant}", "one class")]
    [InlineData("{label: partial}", "no label for")]
    public async Task BadLabelsAreClearErrors(string parameters, string message)
    {
        WriteCohort(i => $"\t1\t{(i < 5 ? "NA" : (i % 2).ToString(CultureInfo.InvariantCulture))}", "\tconstant\tpartial");
        var (report, _) = await Run($"""
              - id: model
                uses: classify.lasso
                needs: [tables]
                params: {parameters}
            """);
        Assert.False(report.Succeeded);
        string error = report["model"].Error ?? "";
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("clinical table", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuantileRuleAndDroppedPatientsRun()
    {
        WriteCohort(i => $"\t{(i < 5 ? "NA" : (i % 2).ToString(CultureInfo.InvariantCulture))}", "\tpartial");
        var (report, store) = await Run("""
              - id: top
                uses: classify.lasso
                needs: [tables]
                params: {label: score, rule: quantile, quantile: 0.75}
              - id: partial
                uses: classify.lasso
                needs: [tables]
                params: {label: partial, incomplete: drop}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));
        Assert.Equal(95, Metrics(store, report, "partial")["patients"]);
        // Each outer fold's labels come from its own training quartile: about a quarter positive, and fold-specific.
        var pred = ParquetFile.Read(store.PathOf(report["top"].Record!.Outputs["predictions"].Sha256));
        double share = pred.GetInt32s("label").Average();
        Assert.InRange(share, 0.15, 0.35);
    }
}
