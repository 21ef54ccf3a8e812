using System.Globalization;
using System.Text;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>The two cohorts the classify.apply tests train on (A) and score (B), and running a workflow over them.</summary>
internal static class ApplyCohorts
{
    /// <summary>Cohort A (P…) trains, cohort B (Q…, another draw) is scored; 3 images per patient, 12 features, 'signal' from f0 − f1.</summary>
    public static void Write(string root)
    {
        var rng = new Random(47);
        const int p = 12, images = 3;
        string header = "image_id,patient_id," + string.Join(",", Enumerable.Range(0, p).Select(j => $"f{j}")) + "\n";
        foreach (var (prefix, patients) in new[] { ("P", 70), ("Q", 30) })
        {
            var features = new StringBuilder(header);
            var withoutF0 = new StringBuilder("image_id,patient_id," + string.Join(",", Enumerable.Range(1, p - 1).Select(j => $"f{j}")) + "\n");
            var means = new StringBuilder(header);
            var clinical = new StringBuilder("patient_id\tsignal\n");
            for (int i = 0; i < patients; i++)
            {
                string id = $"{prefix}{i:00}";
                var profile = Enumerable.Range(0, p).Select(_ => StageWorkspace.Normal(rng)).ToArray();
                clinical.Append(CultureInfo.InvariantCulture, $"{id}\t{(profile[0] - profile[1] + 0.5 * StageWorkspace.Normal(rng) > 0 ? 1 : 0)}\n");
                var sum = new double[p];
                for (int m = 0; m < images; m++)
                {
                    var row = profile.Select(v => v + 0.3 * StageWorkspace.Normal(rng)).ToArray();
                    for (int j = 0; j < p; j++) sum[j] += row[j];
                    var text = row.Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
                    features.Append(CultureInfo.InvariantCulture, $"{id}-{m},{id},{string.Join(",", text)}\n");
                    withoutF0.Append(CultureInfo.InvariantCulture, $"{id}-{m},{id},{string.Join(",", text.Skip(1))}\n");
                }
                means.Append(CultureInfo.InvariantCulture, $"{id},{id},{string.Join(",", sum.Select(v => (v / images).ToString("R", CultureInfo.InvariantCulture)))}\n");
            }
            string name = prefix == "P" ? "a" : "b";
            File.WriteAllText(Path.Combine(root, $"features_{name}.csv"), features.ToString());
            File.WriteAllText(Path.Combine(root, $"features_{name}_without_f0.csv"), withoutF0.ToString());
            File.WriteAllText(Path.Combine(root, $"features_{name}_patient_means.csv"), means.ToString());
            File.WriteAllText(Path.Combine(root, $"clinical_{name}.tsv"), clinical.ToString());
            File.WriteAllText(Path.Combine(root, $"genes_{name}.tsv"), "patient_id\tG1\n" + string.Concat(Enumerable.Range(0, patients).Select(i => $"{prefix}{i:00}\t{i}\n")));
        }
    }

    public static async Task<(RunReport Report, ContentStore Store)> Run(string root, string workflow, string otherFeatures, string stages)
    {
        var report = await StageWorkspace.RunUncheckedAsync(root, $$"""
            workflow: {{workflow}}
            stages:
              - id: cohort_a
                uses: fetch.tables
                inputs: {features: features_a.csv, genomics: genes_a.tsv, clinical: clinical_a.tsv}
              - id: cohort_b
                uses: fetch.tables
                inputs: {features: {{otherFeatures}}, genomics: genes_b.tsv, clinical: clinical_b.tsv}

            """ + stages, TestContext.Current.CancellationToken);
        return (report, new ContentStore(new Workspace(root)));
    }

    /// <summary>
    /// Trains <paramref name="modelStage"/> (its id must be 'model') on cohort A, applies it to a cohort B feature table it
    /// cannot score, and checks the error names the features table, <paramref name="names"/> and <paramref name="says"/>.
    /// </summary>
    public static async Task AssertApplyRefuses(string root, string workflow, string otherFeatures, string modelStage, string names, string says)
    {
        Write(root);
        var (report, _) = await Run(root, workflow, otherFeatures, modelStage + "\n" + """
              - id: apply
                uses: classify.apply
                needs: [cohort_b, model]
                inputs: {model: model.model}
            """);
        Assert.False(report.Succeeded);
        var error = report["apply"].Error ?? "";
        Assert.Contains(names, error, StringComparison.Ordinal);
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.Contains("features", error, StringComparison.Ordinal); // the table
    }

    public static string PathOf(ContentStore store, RunReport report, string stage, string output) =>
        store.PathOf(report[stage].Record!.Outputs[output].Sha256);

    public static Dictionary<string, double> ByPatient(Table t, string column) =>
        t.GetStrings("patient_id").Zip(t.GetDoubles(column)).ToDictionary(x => x.First!, x => x.Second);
}
