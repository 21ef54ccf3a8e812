using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>associate.correlation</c>: patient-level association as in Liu et al. 2024 and Yu et al. 2024. Image-level
/// features are aggregated per patient (mean or median), then each radiomic × genomic pair is tested with
/// R's <c>cor.test</c> (Pearson: t with n − 2 df; Spearman: exact AS 89 p for n &lt; 1290 without ties, else the
/// t approximation), over the patients where the genomic value is present; q-values by Benjamini–Hochberg.
/// </summary>
public sealed class AssociateCorrelationStage : TableStageKind<AssociateCorrelationOptions>
{
    public override string Name => "associate.correlation";
    public override int Version => 3; // 3: columns (patient-level score tables such as a model's predictions)
    public override string Summary => "Patient-level Pearson or Spearman correlation (R cor.test) of each radiomic with each genomic feature, BH-FDR.";
    public override IReadOnlyList<string> Consumes => ["features", "genomic", "genomic_features"];
    public override IReadOnlyList<string> OptionalConsumes => ["feature_map"];

    public override IReadOnlyList<OutputSpec> Produces =>
        [new("associations", "one row per (radiomic feature, genomic feature): estimate, statistic, df, p, q, n; for Spearman also p_asymptotic (cor.test(exact = FALSE), never exactly 0)")];

    public override Task RunAsync(StageContext context, AssociateCorrelationOptions options, CancellationToken cancellationToken)
    {
        var (features, kernels) = ReadFeatures(context, options);
        var patients = PatientOrder.Of(features.PatientIds);
        var genomic = GenomicCovariates.Read(context.Input("genomic"), context.Input("genomic_features"), patients);
        var patientLevel = PatientAggregation.Aggregate(features, patients, options.Aggregate == PatientStatistic.Median);
        bool spearman = options.Method switch { CorrelationMethod.Spearman => true, CorrelationMethod.Pearson => false };
        int f = features.FeatureCount, k = genomic.Names.Count, m = patients.Count;

        var results = new CorrelationTestResult[(long)f * k];
        // Spearman's exact p (AS 89's Edgeworth series for n ≥ 10) is 0.0 for strong correlations, as in R; the t
        // approximation (cor.test(exact = FALSE)) stays positive, so −log10 of it is finite for plots and rankings.
        var asymptotic = spearman ? new double[(long)f * k] : null;
        Parallel.For(0, f, new ParallelOptions { CancellationToken = cancellationToken }, j =>
        {
            var x = new double[m];
            var y = new double[m];
            for (int g = 0; g < k; g++)
            {
                int n = 0;
                for (int p = 0; p < m; p++)
                {
                    double v = genomic.Values[g * m + p];
                    if (double.IsFinite(v)) { x[n] = patientLevel[j][p]; y[n] = v; n++; } // complete cases, as cor.test's na.omit
                }
                results[(long)j * k + g] = n < 3 ? default
                    : spearman ? SpearmanCorrelation.Test(x.AsSpan(0, n), y.AsSpan(0, n)) : PearsonCorrelation.Test(x.AsSpan(0, n), y.AsSpan(0, n));
                if (asymptotic is not null)
                    asymptotic[(long)j * k + g] = n < 3 ? double.NaN : SpearmanCorrelation.Test(x.AsSpan(0, n), y.AsSpan(0, n), exact: false).PValue;
            }
        });
        var p = results.Select(r => r.Count >= 3 ? r.PValue : double.NaN).ToArray();
        var q = MultipleTesting.Adjust(p, f, genomic.Names, genomic.Family, options.FdrScope);

        var table = new Table()
            .Add("feature", Enumerable.Range(0, f * k).Select(i => (string?)features.FeatureNames[i / k]).ToArray())
            .Add("kernel", Enumerable.Range(0, f * k).Select(i => kernels[i / k]).ToArray())
            .Add("genomic_feature", Enumerable.Range(0, f * k).Select(i => (string?)genomic.Names[i % k]).ToArray())
            .Add("family", Enumerable.Range(0, f * k).Select(i => (string?)genomic.Family(i % k)).ToArray())
            .Add("estimate", results.Select(r => r.Count >= 3 ? Finite(r.Estimate) : null).ToArray())
            .Add("statistic", results.Select(r => r.Count >= 3 ? Finite(r.Statistic) : null).ToArray())
            .Add("df", results.Select(r => r.Count >= 3 && !spearman ? Finite(r.DegreesOfFreedom) : null).ToArray())
            .Add("p", p.Select(Finite).ToArray())
            .Add("q", q.Select(Finite).ToArray())
            .Add("n", results.Select(r => r.Count).ToArray());
        if (asymptotic is not null) table.Add("p_asymptotic", asymptotic.Select(Finite).ToArray());
        ParquetFile.Write(table, context.Output("associations"));
        double threshold = options.FdrThreshold;
        context.Record("significant", q.Count(x => x < threshold));
        context.Report(1.0, $"{q.Count(x => x < threshold):N0} of {q.Length:N0} pairs with q < {threshold}");
        return Task.CompletedTask;
    }

    /// <summary>
    /// The image-level feature table with its kernels; with <c>columns</c> set, those numeric columns of any table keyed
    /// by patient_id (e.g. a classifier's score or a DeepSurv risk, one row per patient), which sit in no kernel.
    /// </summary>
    private static (FeatureMatrix Features, int?[] Kernels) ReadFeatures(StageContext context, AssociateCorrelationOptions options)
    {
        if (options.Columns.Count == 0)
        {
            var input = FeatureTable.Read(context.Input("features"), context.HasInput("feature_map") ? context.Input("feature_map") : null);
            return (input.Values, input.Layout.Kernels());
        }
        var values = PatientValueTable.Read(context.Input("features"), "features table", options.Columns);
        var ids = values.Patients.Select(p => (string?)p).ToArray();
        return (new FeatureMatrix(ids, ids, values.Names, values.Columns), new int?[values.Names.Count]);
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
