using System.Globalization;
using System.Text;
using System.Text.Json;
using Radiogenomics.Engine.Workflow;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// Label level recodes through the engine, on a clinical table with fetch.gdc's column names and GDC's spellings
/// (er/pr/her2: Positive, Negative, Equivocal, Indeterminate; t_stage: T1c, T2a, T4b, TX; n_stage: N0 (i-), N1a, NX):
/// the classify stages of workflows/liu-hu-2023.yaml run on it as written there; excluded levels leave the analysis and
/// are counted; a level no option names, a level two options name and a positive list naming no level are errors
/// naming the table, column, value and fix. 90 patients × 3 images, 20 features; every label follows f0's patient mean.
/// </summary>
public sealed class ClassifyLabelLevelsTests : IDisposable
{
    private const int Patients = 90;
    private readonly StageWorkspace _workspace = new("rg-levels");

    public void Dispose() => _workspace.Dispose();

    /// <summary>Patients excluded per label by construction: her2 9 Equivocal + 2 Indeterminate, t_stage 3 TX, n_stage 2 NX, er 5 Indeterminate, pr 3 Equivocal.</summary>
    private void WriteCohort()
    {
        var rng = new Random(31);
        const int images = 3, p = 20;
        var features = new StringBuilder("image_id,patient_id," + string.Join(",", Enumerable.Range(0, p).Select(j => $"f{j}")) + "\n");
        var clinical = new StringBuilder("patient_id\tage_years\tvital_status\tos_event\tos_days\ter\tpr\ther2\tt_stage\tn_stage\n");
        string[] t1 = ["T1", "T1c", "T1b", "T1mi"], tHigh = ["T2", "T2a", "T3", "T4b"], n0 = ["N0", "N0 (i-)", "N0 (i+)"], nPos = ["N1a", "N2", "N3a", "N1mi"];
        for (int i = 0; i < Patients; i++)
        {
            var profile = Enumerable.Range(0, p).Select(_ => StageWorkspace.Normal(rng)).ToArray();
            bool Label() => profile[0] + 0.4 * StageWorkspace.Normal(rng) > 0;
            string Receptor(bool positive) => positive ? "Positive" : "Negative";
            string er = i % 20 == 3 ? "Indeterminate" : Receptor(Label());
            string pr = i % 30 == 5 ? "Equivocal" : Receptor(Label());
            string her2 = i % 10 == 7 ? "Equivocal" : i is 11 or 61 ? "Indeterminate" : Receptor(Label());
            string t = i % 30 == 13 ? "TX" : Label() ? tHigh[i % 4] : t1[i % 4];
            string n = i % 45 == 17 ? "NX" : Label() ? nPos[i % 4] : n0[i % 3];
            clinical.Append(CultureInfo.InvariantCulture, $"TCGA-AA-{i:0000}\t{50 + i % 30}.5\tAlive\tfalse\t{100 + i}\t{er}\t{pr}\t{her2}\t{t}\t{n}\n");
            for (int m = 0; m < images; m++)
                features.Append(CultureInfo.InvariantCulture, $"TCGA-AA-{i:0000}-{m},TCGA-AA-{i:0000},{string.Join(",", profile.Select(v => (v + 0.3 * StageWorkspace.Normal(rng)).ToString("R", CultureInfo.InvariantCulture)))}\n");
        }
        File.WriteAllText(Path.Combine(_workspace.Root, "features.csv"), features.ToString());
        File.WriteAllText(Path.Combine(_workspace.Root, "genes.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, Patients).Select(i => $"TCGA-AA-{i:0000}\t{i}\n")));
        File.WriteAllText(Path.Combine(_workspace.Root, "clinical.tsv"), clinical.ToString());
    }

    private const string Fetch = """
        workflow: levels
        stages:
          - id: expression
            uses: fetch.tables
            inputs: {features: features.csv, genomics: genes.tsv, clinical: clinical.tsv}

        """;

    private Dictionary<string, double> Metrics(Engine.Execution.RunReport report, string stage)
    {
        var t = _workspace.Output(report, stage, "metrics");
        return t.GetStrings("metric").Zip(t.GetNullableDoubles("value")).ToDictionary(x => x.First!, x => x.Second ?? double.NaN);
    }

    /// <summary>A stage of a workflow file as YAML, its parameters as written (lists stay lists), needing <paramref name="needs"/>.</summary>
    private static string StageYaml(StageDefinition stage, string needs)
    {
        static string Scalar(string s) => s.Any(c => c is ':' or ',' or '[' or ']' or '{' or '}' or '#' or '"' or '\'') ? JsonSerializer.Serialize(s) : s;
        var parameters = stage.Params.Select(kv => $"{kv.Key}: {(kv.Value.IsList ? "[" + string.Join(", ", kv.Value.Items!.Select(s => JsonSerializer.Serialize(s))) + "]" : Scalar(kv.Value.Scalar!))}");
        return $"  - id: {stage.Id}\n    uses: {stage.Uses}\n    needs: [{needs}]\n    params: {{{string.Join(", ", parameters)}}}\n";
    }

    [Fact]
    public async Task TheRealWorkflowsClassifiersRunOnGdcColumnsAndSpellings()
    {
        WriteCohort();
        var real = WorkflowValidator.Load(Path.Combine(RepositoryPaths.Root, "workflows", "liu-hu-2023.yaml"), StageCatalog.CreateRegistry());
        var classifiers = real.Stages.Where(s => s.Kind.Name == "classify.lasso").ToList();
        Assert.Equal(["t_stage", "node", "er", "pr", "her2"], classifiers.Select(s => s.Id));
        // Each binds fetch.gdc's clinical table (stage 'expression') and the deep features, as the real workflow does.
        Assert.All(classifiers, s => Assert.Equal(["expression", "extract"], s.Needs.Order(StringComparer.Ordinal)));
        var evaluate = real.Stages.Single(s => s.Kind.Name == "evaluate.classifiers");
        Assert.Equal(classifiers.Select(s => s.Id).Order(StringComparer.Ordinal), evaluate.Needs.Order(StringComparer.Ordinal));

        var yaml = new StringBuilder(Fetch);
        foreach (var s in classifiers) yaml.Append(StageYaml(s.Definition, "expression"));
        yaml.Append($"  - id: classifiers\n    uses: evaluate.classifiers\n    needs: [{string.Join(", ", classifiers.Select(s => s.Id))}]\n    inputs: {{{string.Join(", ", classifiers.Select((s, k) => $"predictions{(k == 0 ? "" : $"_{k + 1}")}: {s.Id}.predictions"))}}}\n");
        var report = await _workspace.RunAsync(yaml.ToString(), TestContext.Current.CancellationToken);

        var excluded = new Dictionary<string, int> { ["t_stage"] = 3, ["node"] = 2, ["er"] = 5, ["pr"] = 3, ["her2"] = 11 };
        foreach (var (stage, count) in excluded)
        {
            var m = Metrics(report, stage);
            Assert.Equal(count, m["excluded_patients"]);
            Assert.Equal(Patients - count, m["patients"]);
            Assert.True(m["auc"] > 0.7, $"{stage}: AUC {m["auc"]}");
            var headlines = report[stage].Record!.Facts["headlines"];
            string text = headlines is JsonElement json ? json.GetRawText() : string.Join("; ", (string[])headlines!);
            Assert.Contains($"{count} patient", text, StringComparison.Ordinal);
            Assert.Contains("excluded", text, StringComparison.Ordinal);
        }
        // Levels by prefix: T2a and T4b are positive, T1mi negative; the predictions' labels say so.
        var pred = _workspace.Output(report, "t_stage", "predictions");
        var clinical = File.ReadAllLines(Path.Combine(_workspace.Root, "clinical.tsv")).Skip(1).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => f[8]);
        foreach (var (patient, label) in pred.GetStrings("patient_id").Zip(pred.GetInt32s("label")))
            Assert.Equal(clinical[patient!].StartsWith("T1", StringComparison.Ordinal) ? 0 : 1, label);
        Assert.Equal(5, _workspace.Output(report, "classifiers", "auc").RowCount);
    }

    [Fact]
    public async Task ExcludedLevelsLeaveTheForestAndTheAppliedModelsCohortToo()
    {
        WriteCohort();
        var report = await _workspace.RunAsync(Fetch + """
              - id: her2_forest
                uses: classify.forest
                needs: [expression]
                params: {label: her2, positive: Positive, negative: Negative, exclude: [Equivocal, Indeterminate], ntree: 60}
              - id: her2_boosting
                uses: classify.boosting
                needs: [expression]
                params: {label: her2, positive: Positive, negative: Negative, exclude: [Equivocal, Indeterminate], rounds: 20}
              - id: t_lasso
                uses: classify.lasso
                needs: [expression]
                params: {label: t_stage, positive: [T2, T3, T4], negative: T1, exclude: TX, match: prefix}
              - id: t_applied
                uses: classify.apply
                needs: [expression, t_lasso]
                inputs: {model: t_lasso.model}
            """, TestContext.Current.CancellationToken);
        var forest = Metrics(report, "her2_forest");
        Assert.Equal(11, forest["excluded_patients"]);
        Assert.Equal(Patients - 11, forest["patients"]);
        var boosting = Metrics(report, "her2_boosting");
        Assert.Equal((11.0, Patients - 11.0), (boosting["excluded_patients"], boosting["patients"]));
        // The model keeps the levels: classify.apply recodes the cohort as training did (TX out, T1mi negative).
        var applied = _workspace.Output(report, "t_applied", "predictions");
        Assert.Equal(Patients - 3, applied.RowCount);
        var trained = _workspace.Output(report, "t_lasso", "predictions");
        var trainedLabel = trained.GetStrings("patient_id").Zip(trained.GetInt32s("label")).ToDictionary(x => x.First!, x => x.Second);
        foreach (var (patient, label) in applied.GetStrings("patient_id").Zip(applied.GetNullableInt32s("label")))
            Assert.Equal(trainedLabel[patient!], label);
        Assert.Contains("T2*", applied.GetStrings("label_name")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{label: her2, positive: Positive, negative: Negative}", "has the levels 'Equivocal', 'Indeterminate', which positive:, negative: and exclude: do not name", "add Equivocal, Indeterminate to")]
    [InlineData("{label: her2, positive: Positive}", "levels that positive: and exclude: do not name ('Equivocal', 'Indeterminate', 'Negative')", "add Equivocal, Indeterminate, Negative to")]
    [InlineData("{label: t_stage, positive: [T2, T3, T4], negative: T1, exclude: TX}", "'T1b', 'T1c', 'T1mi', 'T2a', 'T4b'", "to positive:, negative: or exclude:")]
    [InlineData("{label: t_stage, positive: [T2, T3, T4, T1c], negative: T1, exclude: TX, match: prefix}", "the level 'T1c', which both positive: and negative: name", "one of positive:, negative: and exclude:")]
    [InlineData("{label: her2, positive: Pos, negative: Negative, exclude: [Equivocal, Indeterminate]}", "has no level that positive: names (Pos;", "or match: prefix")]
    [InlineData("{label: os_days, rule: threshold, threshold: 150, positive: 1}", "a threshold or quantile rule cuts numbers", "leave positive: and negative: out")]
    [InlineData("{label: her2, negative: Negative}", "names negative levels but no positive one", "set positive:")]
    [InlineData("{label: os_days, positive: 1, match: prefix}", "match: prefix cannot apply", "match: exact")]
    public async Task UnnamedOrDoublyNamedLevelsAreClearErrors(string parameters, string problem, string fix)
    {
        WriteCohort();
        var report = await StageWorkspace.RunUncheckedAsync(_workspace.Root, Fetch + $"""
              - id: model
                uses: classify.lasso
                needs: [expression]
                params: {parameters}
            """, TestContext.Current.CancellationToken);
        Assert.False(report.Succeeded);
        string error = report["model"].Error ?? "";
        Assert.Contains("clinical table", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains(fix, error, StringComparison.Ordinal);
    }
}
