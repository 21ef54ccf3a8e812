using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// classify.lasso with validation: external and permutations, classify.nomogram, classify.apply and evaluate.classifiers'
/// NRI/IDI, Mann–Whitney and permutation outputs through the engine: 120 patients × 4 images × 30 features, a 0/1
/// label following feature f0's patient mean, a clinical stage (text, three levels) and age, cohorts A (training) and B.
/// The trained models, applied to the whole cohort by classify.apply, reproduce the validation scores their stages wrote.
/// </summary>
public sealed class NomogramStageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-nomogram-" + Guid.NewGuid().ToString("N")[..10]);

    public NomogramStageTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private void WriteCohort()
    {
        var rng = new Random(31);
        const int patients = 120, images = 4, p = 30;
        var header = "image_id,patient_id," + string.Join(",", Enumerable.Range(0, p).Select(j => $"f{j}")) + "\n";
        var features = new StringBuilder(header);
        var missing = new StringBuilder("image_id,patient_id," + string.Join(",", Enumerable.Range(1, p - 1).Select(j => $"f{j}")) + "\n");
        var clinical = new StringBuilder("patient_id\tsignal\tstage\tage\tcohort\n");
        for (int i = 0; i < patients; i++)
        {
            var profile = Enumerable.Range(0, p).Select(_ => StageWorkspace.Normal(rng)).ToArray();
            double latent = profile[0] + 0.8 * StageWorkspace.Normal(rng);
            int signal = latent > 0 ? 1 : 0;
            string stage = (latent + StageWorkspace.Normal(rng)) switch { < -0.7 => "I", < 0.7 => "II", _ => "III" };
            double age = Math.Round(55 + 10 * StageWorkspace.Normal(rng));
            clinical.Append(CultureInfo.InvariantCulture, $"P{i:000}\t{signal}\t{stage}\t{age}\t{(i % 3 == 2 ? "B" : "A")}\n");
            for (int m = 0; m < images; m++)
            {
                var row = profile.Select(v => (v + 0.3 * StageWorkspace.Normal(rng)).ToString("R", CultureInfo.InvariantCulture)).ToArray();
                features.Append(CultureInfo.InvariantCulture, $"P{i:000}-{m},P{i:000},{string.Join(",", row)}\n");
                missing.Append(CultureInfo.InvariantCulture, $"P{i:000}-{m},P{i:000},{string.Join(",", row.Skip(1))}\n");
            }
        }
        File.WriteAllText(Path.Combine(_root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(_root, "features_missing.csv"), missing.ToString());
        File.WriteAllText(Path.Combine(_root, "genes.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, patients).Select(i => $"P{i:000}\t{i}\n")));
        File.WriteAllText(Path.Combine(_root, "clinical.tsv"), clinical.ToString());
    }

    private async Task<(RunReport Report, ContentStore Store)> Run(string stages)
    {
        var report = await StageWorkspace.RunUncheckedAsync(_root, """
            workflow: nomogram
            stages:
              - id: tables
                uses: fetch.tables
                inputs: {features: features.csv, genomics: genes.tsv, clinical: clinical.tsv}

            """ + stages, TestContext.Current.CancellationToken);
        return (report, new ContentStore(new Workspace(_root)));
    }

    private static Table Output(ContentStore store, RunReport report, string stage, string output) =>
        ParquetFile.Read(store.PathOf(report[stage].Record!.Outputs[output].Sha256));

    private static Dictionary<string, double> Scores(Table predictions, string? cohort)
    {
        var ids = predictions.GetStrings("patient_id");
        var score = predictions.GetDoubles("score");
        var c = predictions.GetStrings("cohort");
        return Enumerable.Range(0, predictions.RowCount).Where(i => cohort is null || c[i] == cohort).ToDictionary(i => ids[i]!, i => score[i]);
    }

    [Fact]
    public async Task ExternalValidationNomogramApplyAndEvaluationAgree()
    {
        WriteCohort();
        var (report, store) = await Run("""
              - id: rad
                uses: classify.lasso
                needs: [tables]
                params: {label: signal, validation: external, cohort_column: cohort, training_cohort: A, permutations: 3}
              - id: nomo
                uses: classify.nomogram
                needs: [tables, rad]
                inputs: {predictions: rad.predictions}
                params: {label: signal, covariates: [stage, age], validation: external, permutations: 3}
              - id: rad_all
                uses: classify.apply
                needs: [tables, rad]
                inputs: {model: rad.model}
                params: {cohort: all}
              - id: nomo_all
                uses: classify.apply
                needs: [tables, nomo, rad_all]
                inputs: {model: nomo.model, predictions: rad_all.predictions}
                params: {cohort: all}
              - id: evaluate
                uses: evaluate.classifiers
                needs: [rad, nomo]
                inputs: {predictions: rad.predictions, predictions_2: nomo.predictions, null_auc: rad.permutation, null_auc_2: nomo.permutation}
            """);
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => $"{s.StageId}: {s.Error}")));

        // classify.lasso: training cohort A held out by nested CV, cohort B scored by the model trained on A.
        var rad = Output(store, report, "rad", "predictions");
        var cohorts = rad.GetStrings("cohort");
        Assert.Equal(80, cohorts.Count(c => c == "training"));
        Assert.Equal(40, cohorts.Count(c => c == "validation"));
        var radMetrics = Metrics(Output(store, report, "rad", "metrics"));
        Assert.True(radMetrics["validation_auc"] > 0.75, $"validation AUC {radMetrics["validation_auc"]}");
        Assert.Equal(4, Output(store, report, "rad", "permutation").RowCount); // the real AUC and 3 shuffles

        // classify.apply reproduces the validation scores from the model artefact alone (no retraining).
        var applied = Scores(Output(store, report, "rad_all", "predictions"), null);
        foreach (var (patient, score) in Scores(rad, "validation")) Assert.Equal(score, applied[patient], 12);
        var model = ClassifierModelOf(store, report, "rad");
        Assert.Contains(model.Terms, t => t.Term == "f0");
        Assert.Equal(Output(store, report, "rad", "predictions").GetNullableDoubles("threshold")[cohorts.ToList().IndexOf("validation")]!.Value, model.YoudenCutoff, 12);

        // classify.nomogram: lrm terms with dummy-coded stage, points 0–100, and its apply twin agrees on the validation cohort.
        var coefficients = Output(store, report, "nomo", "coefficients");
        Assert.Equal(["(Intercept)", "rad", "stage=II", "stage=III", "age"], coefficients.GetStrings("term"));
        var points = Output(store, report, "nomo", "points");
        Assert.Equal(100, points.GetDoubles("points").Max(), 9);
        Assert.Equal(0, points.GetDoubles("points").Min(), 9);
        Assert.Contains("Nomogram", File.ReadAllText(store.PathOf(report["nomo"].Record!.Outputs["nomogram_svg"].Sha256)));
        var nomo = Output(store, report, "nomo", "predictions");
        var nomoApplied = Scores(Output(store, report, "nomo_all", "predictions"), null);
        foreach (var (patient, score) in Scores(nomo, "validation")) Assert.Equal(score, nomoApplied[patient], 12);

        // The reported fusion is rms::lrm of the training patients' held-out radiomics scores and clinical terms.
        var training = Enumerable.Range(0, nomo.RowCount).Where(i => nomo.GetStrings("cohort")[i] == "training").Select(i => nomo.GetStrings("patient_id")[i]!).ToList();
        var radScore = Scores(rad, null);
        var clinical = File.ReadAllLines(Path.Combine(_root, "clinical.tsv")).Skip(1).Select(l => l.Split('\t')).ToDictionary(c => c[0]);
        var refit = LogisticRegression.Fit(
            [training.Select(p => radScore[p]).ToArray(), training.Select(p => clinical[p][2] == "II" ? 1.0 : 0).ToArray(),
             training.Select(p => clinical[p][2] == "III" ? 1.0 : 0).ToArray(), training.Select(p => double.Parse(clinical[p][3], CultureInfo.InvariantCulture)).ToArray()],
            training.Select(p => double.Parse(clinical[p][1], CultureInfo.InvariantCulture)).ToArray(), ["rad", "stage=II", "stage=III", "age"]);
        Assert.Equal(refit.Coefficients.ToArray(), coefficients.GetDoubles("estimate"));

        // evaluate.classifiers: training and validation rows per model, Mann–Whitney p, NRI/IDI per pair, permutation p.
        var auc = Output(store, report, "evaluate", "auc");
        Assert.Equal(["rad", "rad [validation]", "nomo", "nomo [validation]"], auc.GetStrings("model"));
        Assert.All(auc.GetNullableDoubles("mann_whitney_p"), p => Assert.InRange(p!.Value, 0, 1));
        var reclassification = Output(store, report, "evaluate", "reclassification");
        Assert.Equal(2 * 7, reclassification.RowCount); // two pairs × (4 continuous + 3 categorical indices)
        Assert.Contains("idi", reclassification.GetStrings("index"));
        var permutation = Output(store, report, "evaluate", "permutation_test");
        Assert.Equal(["rad", "nomo"], permutation.GetStrings("model"));
        Assert.All(permutation.GetNullableDoubles("p"), p => Assert.Equal(0.25, p!.Value, 12)); // (1 + 0) / (1 + 3): the real signal beats every shuffle
        var thresholds = Output(store, report, "evaluate", "thresholds");
        Assert.Contains(thresholds.GetStrings("cutoff_chosen_on"), c => c!.Contains("training cohort", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplyNamesAMissingFeature()
    {
        WriteCohort();
        var (report, _) = await Run("""
              - id: other
                uses: fetch.tables
                inputs: {features: features_missing.csv, genomics: genes.tsv, clinical: clinical.tsv}
              - id: rad
                uses: classify.lasso
                needs: [tables]
                params: {label: signal}
              - id: apply
                uses: classify.apply
                needs: [other, rad]
                inputs: {model: rad.model}
            """);
        Assert.False(report.Succeeded);
        var error = report["apply"].Error ?? "";
        if (!error.Contains("'f0'", StringComparison.Ordinal)) Assert.Fail($"rad's model does not use f0 or the error does not name it: {error}; {report["rad"].Error}");
        Assert.Contains("is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NomogramNamesAMissingCovariateAndRefusesALeakySignature()
    {
        WriteCohort();
        // Two runs, one failing stage each: with both in one run, whichever fails first stops the other from being
        // scheduled, so its error was sometimes empty.
        var (report, _) = await Run("""
              - id: rad
                uses: classify.lasso
                needs: [tables]
                params: {label: signal}
              - id: typo
                uses: classify.nomogram
                needs: [tables, rad]
                inputs: {predictions: rad.predictions}
                params: {label: signal, covariates: [stge]}
            """);
        Assert.False(report.Succeeded);
        Assert.Contains("covariate 'stge'", report["typo"].Error ?? "", StringComparison.Ordinal);
        Assert.Contains("stage", report["typo"].Error ?? "", StringComparison.Ordinal); // the fix lists the columns

        (report, _) = await Run("""
              - id: leaky
                uses: classify.lasso
                needs: [tables]
                params: {label: signal, split: image}
              - id: from_leaky
                uses: classify.nomogram
                needs: [tables, leaky]
                inputs: {predictions: leaky.predictions}
                params: {label: signal}
            """);
        Assert.False(report.Succeeded);
        Assert.Contains("leaky", report["from_leaky"].Error ?? "", StringComparison.Ordinal);
    }

    private static Dictionary<string, double> Metrics(Table t) =>
        t.GetStrings("metric").Zip(t.GetNullableDoubles("value")).ToDictionary(x => x.First!, x => x.Second ?? double.NaN);

    private static Radiogenomics.Data.ClassifierModel ClassifierModelOf(ContentStore store, RunReport report, string stage) =>
        Radiogenomics.Data.ClassifierModel.Read(store.PathOf(report[stage].Record!.Outputs["model"].Sha256));
}
