using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// predict.elastic_net, predict.linear and evaluate.regressions through the engine from fetch.tables: the predictions
/// contract, shared folds, held-out OLS equal to the library's lm-equal fit, the planted target predicted better than the
/// training mean, the comparison table equal to the library's Wilcoxon test, and bad fold columns named.
/// </summary>
public sealed class RegressionStageTests : IDisposable
{
    private readonly StageWorkspace _workspace = new("rg-regress");

    public void Dispose() => _workspace.Dispose();

    // 60 patients, 12 genes; 'planted' = 2·G1 − G2 + noise (two images per patient, averaged), 'noise' unrelated
    private (double[][] Genes, double[] Planted) WriteCohort()
    {
        const int patients = 60, genes = 12;
        var random = new Random(16);
        var g = Enumerable.Range(0, genes).Select(_ => new double[patients]).ToArray();
        var planted = new double[patients];
        var genesText = new StringBuilder("patient_id\t" + string.Join('\t', Enumerable.Range(1, genes).Select(j => $"G{j}")) + "\n");
        var features = new StringBuilder("image_id,patient_id,planted,noise,fold\n");
        for (int p = 0; p < patients; p++)
        {
            for (int j = 0; j < genes; j++) g[j][p] = StageWorkspace.Normal(random);
            genesText.Append(CultureInfo.InvariantCulture, $"P{p:000}\t{string.Join('\t', g.Select(c => c[p].ToString("R", CultureInfo.InvariantCulture)))}\n");
            double value = 10 + 2 * g[0][p] - g[1][p] + 0.5 * StageWorkspace.Normal(random);
            planted[p] = value; // both images carry the same value, so the patient mean is exact
            double noise = 5 + StageWorkspace.Normal(random);
            for (int i = 0; i < 2; i++)
                features.Append(CultureInfo.InvariantCulture, $"P{p:000}-{i},P{p:000},{value:R},{noise:R},{p % 5 + 1}\n");
        }
        File.WriteAllText(Path.Combine(_workspace.Root, "genes.tsv"), genesText.ToString());
        File.WriteAllText(Path.Combine(_workspace.Root, "features.csv"), features.ToString());
        return (g, planted);
    }

    private Task<RunReport> Run(string stages) => StageWorkspace.RunUncheckedAsync(_workspace.Root, """
        workflow: regress
        stages:
          - id: tables
            uses: fetch.tables
            inputs: {features: features.csv, genomics: genes.tsv}

        """ + stages, TestContext.Current.CancellationToken);

    private const string Models = """
          - id: enet
            uses: predict.elastic_net
            needs: [tables]
            params: {targets: [planted, noise], alphas: [0.5, 1], nlambda: 40, seed: 3}

          - id: ols
            uses: predict.linear
            needs: [tables]
            params: {targets: [planted, noise], seed: 3}

          - id: compare
            uses: evaluate.regressions
            needs: [enet, ols]
            inputs: {predictions: enet.predictions, predictions_2: ols.predictions}

        """;

    [Fact]
    public async Task PredictionsAreHeldOutAndTheComparisonMatchesTheLibrary()
    {
        var (genes, planted) = WriteCohort();
        var report = await Run(Models);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));

        var enet = _workspace.Output(report, "enet", "predictions");
        var ols = _workspace.Output(report, "ols", "predictions");
        Assert.Equal(["patient_id", "fold", "target", "observed", "predicted", "model"], enet.ColumnNames);
        Assert.Equal(120, enet.RowCount);
        Assert.Equal(["elastic_net"], enet.GetStrings("model").Distinct());
        // The same seed gives both models the same patient folds, 10 of them.
        var foldOf = Folds(enet);
        Assert.Equal(foldOf, Folds(ols));
        Assert.Equal(Enumerable.Range(1, 10), foldOf.Values.Distinct().Order());

        // Held-out OLS of fold 1 equals the library fit on the other folds (patients in ordinal order).
        var ids = Enumerable.Range(0, 60).Select(p => $"P{p:000}").ToArray();
        var train = Enumerable.Range(0, 60).Where(p => foldOf[ids[p]] != 1).ToArray();
        var fit = OrdinaryLeastSquares.Fit(genes.Select(c => train.Select(p => c[p]).ToArray()).ToArray(), train.Select(p => planted[p]).ToArray());
        var olsPlanted = Rows(ols, "planted");
        foreach (int p in Enumerable.Range(0, 60).Where(p => foldOf[ids[p]] == 1))
        {
            Assert.Equal(planted[p], olsPlanted[ids[p]].Observed, 12);
            Assert.Equal(fit.Predict(genes, p), olsPlanted[ids[p]].Predicted, 10);
        }

        // The planted target beats the training mean; the comparison equals the library's Wilcoxon test.
        var metrics = _workspace.Output(report, "compare", "metrics");
        double Mae(string model, string target) => metrics.GetDoubles("mae")[Enumerable.Range(0, metrics.RowCount)
            .Single(i => metrics.GetStrings("model")[i] == model && metrics.GetStrings("target")[i] == target)];
        Assert.True(Mae("elastic_net", "planted") < 0.5 * Mae("training_mean", "planted"), $"MAE {Mae("elastic_net", "planted")} vs mean {Mae("training_mean", "planted")}");
        var enetPlanted = Rows(enet, "planted");
        Assert.Equal(RegressionErrors.MeanAbsoluteError(ids.Select(i => enetPlanted[i].Observed).ToArray(), ids.Select(i => enetPlanted[i].Predicted).ToArray()),
            Mae("elastic_net", "planted"), 12);

        var comparisons = _workspace.Output(report, "compare", "comparisons");
        int row = Enumerable.Range(0, comparisons.RowCount).Single(i => comparisons.GetStrings("model")[i] == "linear" && comparisons.GetStrings("target")[i] == "planted");
        Assert.Equal("elastic_net", comparisons.GetStrings("reference")[row]);
        var expected = RegressionErrors.CompareAbsoluteErrors(ids.Select(i => enetPlanted[i].Observed).ToArray(),
            ids.Select(i => olsPlanted[i].Predicted).ToArray(), ids.Select(i => enetPlanted[i].Predicted).ToArray());
        Assert.Equal(expected.PValue, comparisons.GetNullableDoubles("p")[row]!.Value, 12);
        Assert.Equal(Math.Min(1, 2 * expected.PValue), comparisons.GetNullableDoubles("p_bonferroni")[row]!.Value, 12);
        var mean = Enumerable.Range(0, comparisons.RowCount).Single(i => comparisons.GetStrings("model")[i] == "training_mean" && comparisons.GetStrings("target")[i] == "planted");
        Assert.True(comparisons.GetNullableDoubles("p_bonferroni")[mean] < 1e-4);

        var table = _workspace.Output(report, "compare", "table");
        Assert.Equal(["target", "mae_elastic_net", "mape_elastic_net", "mae_linear", "mape_linear", "mae_training_mean", "mape_training_mean", "p_linear", "p_training_mean"], table.ColumnNames);
        Assert.True(new FileInfo(_workspace.OutputPath(report, "compare", "errors")).Length > 1000);
        var selection = _workspace.Output(report, "enet", "selection");
        Assert.Equal(20, selection.RowCount);
        Assert.All(selection.GetDoubles("alpha"), a => Assert.Contains(a, new[] { 0.5, 1.0 }));
    }

    [Fact]
    public async Task AFoldColumnIsSharedAndABadOneIsNamed()
    {
        WriteCohort();
        var report = await Run("""
              - id: ols
                uses: predict.linear
                needs: [tables]
                params: {targets: [planted], fold_column: fold}

              - id: bad
                uses: predict.linear
                needs: [tables]
                params: {targets: [planted], fold_column: cohort}

            """);
        Assert.True(report["ols"].Status == StageStatus.Executed, report["ols"].Error);
        var folds = Folds(_workspace.Output(report, "ols", "predictions"));
        Assert.All(folds, f => Assert.Equal(int.Parse(f.Key[1..], CultureInfo.InvariantCulture) % 5 + 1, f.Value));
        Assert.Equal(StageStatus.Failed, report["bad"].Status);
        Assert.Contains("column 'cohort'", report["bad"].Error);
        Assert.Contains("does not exist", report["bad"].Error);
    }

    private static Dictionary<string, int> Folds(Table t)
    {
        var d = new Dictionary<string, int>();
        var ids = t.GetStrings("patient_id");
        var folds = t.GetInt32s("fold");
        for (int i = 0; i < t.RowCount; i++) d[ids[i]!] = folds[i];
        return d;
    }

    private static Dictionary<string, (double Observed, double Predicted)> Rows(Table t, string target)
    {
        var d = new Dictionary<string, (double, double)>();
        var ids = t.GetStrings("patient_id");
        var targets = t.GetStrings("target");
        var obs = t.GetDoubles("observed");
        var pred = t.GetDoubles("predicted");
        for (int i = 0; i < t.RowCount; i++) if (targets[i] == target) d[ids[i]!] = (obs[i], pred[i]);
        return d;
    }
}
