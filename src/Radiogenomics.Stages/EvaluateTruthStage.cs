using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>evaluate.truth</c>: scores a pipeline against a synthetic cohort's planted truth (fetch.synthetic's
/// <c>truth</c> and <c>patient_truth</c>).
/// <list type="bullet">
/// <item>Features: each planted tumour property (the standardised scores and the diameter) against every feature's
/// patient mean — the best Pearson |r|, how many features reach BH q below the threshold (cor.test, n − 2 df), and
/// the chance level of the best |r|: its 95th percentile over permutations of the property across patients, with the
/// max-statistic permutation p = (1 + #{max|r*| ≥ max|r|}) / (1 + B). Constant features are left out.</item>
/// <item>Associations: a genomic feature is planted when the truth gives it a direct or indirect effect on a tumour
/// property, null when its role is null; partially overlapping sets and features the truth does not know (e.g. genefu
/// signatures) are neither. Recall = planted genomic features with at least one significant pair / planted ones;
/// false discovery proportion = significant pairs of null genomic features / significant pairs of planted or null
/// ones (every pair of a null feature is null, so this counts only sure false discoveries).</item>
/// </list>
/// </summary>
public sealed class EvaluateTruthStage : TableStageKind<EvaluateTruthOptions>
{
    /// <summary>Tumour-property targets in the truth table; the other targets (ER, hazard, …) are clinical.</summary>
    private static readonly string[] ImagingTargets = ["size", "enhancement", "washout", "heterogeneity", "margin_irregularity"];

    public override string Name => "evaluate.truth";
    public override int Version => 3; // 3: R's own type-7 interpolation form for the chance level (may differ in the last bits)
    public override string Summary => "Scores features and associations against a synthetic cohort's planted truth: best |r| vs chance, recall and false discoveries.";
    public override IReadOnlyList<string> Consumes => ["truth", "patient_truth"];
    public override IReadOnlyList<string> OptionalConsumes => ["features", "associations"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("properties", "per planted tumour property: patients, features tested, best feature and r, significant features, chance level (permutation 95th percentile of the best |r|) and permutation p"),
        new("genomic_recall", "per genomic feature of the associations: truth role, planted imaging targets, significant pairs, smallest q"),
        new("summary", "metric, value: recall and false discovery proportion of the associations, best |r| per property"),
    ];

    public override Task RunAsync(StageContext context, EvaluateTruthOptions options, CancellationToken cancellationToken)
    {
        double threshold = options.FdrThreshold;
        var summary = new List<(string Metric, double Value, string Detail)>();
        var truthPatients = ParquetFile.Read(context.Input("patient_truth"));

        var properties = PropertiesTable([], 0, 0, [], [], [], [], []);
        if (context.HasInput("features"))
        {
            context.Report(0.1, "features against the planted tumour properties");
            properties = ScoreProperties(FeatureMatrix.Read(context.Input("features")), truthPatients, options.Permutations,
                unchecked((ulong)options.Seed), threshold, summary, cancellationToken);
        }
        else context.Log("no features upstream: only the associations are scored");

        var recall = RecallTable([], [], [], [], []);
        if (context.HasInput("associations"))
        {
            context.Report(0.7, "associations against the planted genomic effects");
            recall = ScoreAssociations(context.Input("associations"), ParquetFile.Read(context.Input("truth")), threshold, summary);
        }
        else context.Log("no associations upstream: only the features are scored");

        foreach (var (metric, value, detail) in summary)
        {
            if (metric is "recall" or "false_discovery_proportion") context.Headline($"{metric.Replace('_', ' ')} {value:0.###} {detail}");
            else context.Log($"{metric}: {value:G4} {detail}");
            context.Record(metric, value);
        }
        ParquetFile.Write(properties, context.Output("properties"));
        ParquetFile.Write(recall, context.Output("genomic_recall"));
        ParquetFile.Write(new Table()
            .Add("metric", summary.Select(s => (string?)s.Metric).ToArray())
            .Add("value", summary.Select(s => s.Value).ToArray())
            .Add("detail", summary.Select(s => (string?)s.Detail).ToArray()), context.Output("summary"));
        context.Report(1.0, "done");
        return Task.CompletedTask;
    }

    internal static Table ScoreProperties(FeatureMatrix features, Table truth, int permutations, ulong seed, double threshold,
        List<(string, double, string)> summary, CancellationToken cancellationToken)
    {
        var truthRow = truth.GetStrings("patient_id").Select((id, i) => (id, i)).Where(x => x.id is not null)
            .ToDictionary(x => x.id!, x => x.i, StringComparer.Ordinal);
        var allPatients = PatientAggregation.Patients(features);
        var means = PatientAggregation.Aggregate(features, allPatients, median: false);
        var rows = Enumerable.Range(0, allPatients.Count).Where(k => truthRow.ContainsKey(allPatients[k])).ToArray();
        var patients = rows.Select(k => allPatients[k]).ToList();
        int n = patients.Count;

        // Patient means of the non-constant features, raw (for cor.test) and standardised: r = Σ z_x z_y / (n − 1).
        var usable = new List<int>();
        var raw = new List<double[]>();
        var standardised = new List<double[]>();
        for (int j = 0; j < features.FeatureCount; j++)
        {
            var x = rows.Select(r => means[j][r]).ToArray();
            var z = (double[])x.Clone();
            if (Standardise(z)) { usable.Add(j); raw.Add(x); standardised.Add(z); }
        }

        var names = truth.ColumnNames.Where(c => c.StartsWith("score_", StringComparison.Ordinal) || c == "diameter_mm").ToList();
        var property = new List<string?>();
        var best = new List<string?>();
        var bestR = new List<double>();
        var significant = new List<int>();
        var chance = new List<double>();
        var permutationP = new List<double>();
        foreach (var name in names)
        {
            var column = truth.GetNullableDoubles(name);
            var y = patients.Select(id => column[truthRow[id]] ?? double.NaN).ToArray();
            if (y.Any(double.IsNaN) || !Standardise(y)) continue;

            var r = new double[usable.Count];
            var pv = new double[usable.Count];
            for (int k = 0; k < usable.Count; k++)
            {
                r[k] = Dot(standardised[k], y) / (n - 1);
                pv[k] = PearsonCorrelation.Test(raw[k], y).PValue;
            }
            var q = BenjaminiHochberg.Adjust(pv);
            int top = r.Length == 0 ? -1 : Enumerable.Range(0, r.Length).MaxBy(k => Math.Abs(r[k]));
            double observed = top < 0 ? double.NaN : Math.Abs(r[top]);

            var random = new Random(unchecked((int)seed * 31 + names.IndexOf(name))); // a seeded System.Random is stable across runs and .NET versions
            var maxima = new double[permutations];
            var shuffled = (double[])y.Clone();
            for (int b = 0; b < permutations; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                random.Shuffle(shuffled);
                double max = 0;
                foreach (var x in standardised) max = Math.Max(max, Math.Abs(Dot(x, shuffled) / (n - 1)));
                maxima[b] = max;
            }
            Array.Sort(maxima);
            property.Add(name);
            best.Add(top < 0 ? null : features.FeatureNames[usable[top]]);
            bestR.Add(top < 0 ? double.NaN : r[top]);
            significant.Add(q.Count(v => v < threshold));
            chance.Add(RQuantile.Type7(maxima, 0.95));
            permutationP.Add((1 + maxima.Count(m => m >= observed)) / (1.0 + permutations));
            summary.Add(($"best_abs_r_{name}", observed, $"(chance 95 %: {chance[^1]:0.000}; permutation p {permutationP[^1]:0.###}; {significant[^1]} features q < {threshold})"));
        }
        return PropertiesTable(property.ToArray(), n, usable.Count, best.ToArray(), bestR.ToArray(), significant.ToArray(), chance.ToArray(), permutationP.ToArray());
    }

    private static Table PropertiesTable(string?[] property, int patients, int tested, string?[] best, double[] bestR, int[] significant, double[] chance, double[] permutationP) =>
        new Table()
            .Add("property", property)
            .Add("patients", Enumerable.Repeat(patients, property.Length).ToArray())
            .Add("features_tested", Enumerable.Repeat(tested, property.Length).ToArray())
            .Add("best_feature", best)
            .Add("best_r", bestR)
            .Add("significant_features", significant)
            .Add("chance_abs_r_95", chance)
            .Add("permutation_p", permutationP);

    private static Table RecallTable(string?[] names, string?[] role, string?[] planted, long[] significant, double?[] minQ) =>
        new Table()
            .Add("genomic_feature", names)
            .Add("role", role)
            .Add("planted_targets", planted)
            .Add("significant_pairs", significant)
            .Add("min_q", minQ);

    internal static Table ScoreAssociations(string associations, Table truth, double threshold, List<(string, double, string)> summary)
    {
        using var db = new DuckDbConnection();
        var counts = db.Query($"""
            SELECT genomic_feature, count(*) FILTER (WHERE q < {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}) AS significant, min(q) AS min_q
            FROM read_parquet('{associations.Replace("'", "''")}') GROUP BY genomic_feature ORDER BY genomic_feature
            """);
        var ids = truth.GetStrings("entity_id");
        var targets = truth.GetStrings("target");
        var roles = truth.GetStrings("role");
        var kinds = truth.GetStrings("entity_kind");
        var entityNames = truth.GetStrings("entity_name");

        // Truth rows by entity id and by name (genes appear by symbol among genomic features).
        var byEntity = Enumerable.Range(0, ids.Length).SelectMany(i => new[] { (Key: ids[i], Row: i), (Key: entityNames[i], Row: i) })
            .Where(x => x.Key is not null).Distinct().ToLookup(x => x.Key!, x => x.Row, StringComparer.Ordinal);
        var names = counts.GetStrings("genomic_feature");
        var sig = counts.GetInt64s("significant");
        var role = new string?[names.Length];
        var planted = new string?[names.Length];
        for (int g = 0; g < names.Length; g++)
        {
            // Genomic features may carry a family prefix ("pathway:X") when a gene shares the name.
            string name = names[g]!.Contains(':') ? names[g]![(names[g]!.IndexOf(':') + 1)..] : names[g]!;
            var rows = byEntity[name].Where(i => kinds[i] != "program").ToList();
            var imaging = rows.Where(i => ImagingTargets.Contains(targets[i]) && roles[i] is ("direct" or "indirect")).Select(i => $"{targets[i]} ({roles[i]})").ToList();
            planted[g] = imaging.Count > 0 ? string.Join(", ", imaging) : null;
            role[g] = imaging.Count > 0 ? "planted"
                : rows.Count == 0 ? "unknown"
                : rows.All(i => roles[i] == "null") ? "null"
                : rows.Any(i => roles[i] == "partial") ? "partial" : "clinical only";
        }
        int plantedCount = role.Count(r => r == "planted");
        int found = Enumerable.Range(0, names.Length).Count(g => role[g] == "planted" && sig[g] > 0);
        long falsePairs = Enumerable.Range(0, names.Length).Where(g => role[g] == "null").Sum(g => sig[g]);
        long scoredPairs = Enumerable.Range(0, names.Length).Where(g => role[g] is "null" or "planted").Sum(g => sig[g]);
        summary.Add(("recall", plantedCount == 0 ? double.NaN : (double)found / plantedCount, $"({found} of {plantedCount} planted genomic features with a pair at q < {threshold})"));
        summary.Add(("false_discovery_proportion", scoredPairs == 0 ? 0 : (double)falsePairs / scoredPairs,
            $"({falsePairs} of {scoredPairs} significant pairs belong to null genomic features; nominal {threshold})"));
        return RecallTable(names, role, planted, sig, counts.GetNullableDoubles("min_q"));
    }

    /// <summary>Centres and scales to unit sample SD in place; false for a constant vector.</summary>
    private static bool Standardise(double[] x)
    {
        double mean = x.Average(), ss = 0;
        foreach (var v in x) ss += (v - mean) * (v - mean);
        double sd = Math.Sqrt(ss / (x.Length - 1));
        if (!(sd > 1e-12 * Math.Max(1, Math.Abs(mean)))) return false;
        for (int i = 0; i < x.Length; i++) x[i] = (x[i] - mean) / sd;
        return true;
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
