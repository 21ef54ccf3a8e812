using System.Text.RegularExpressions;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;
using Radiogenomics.Tables;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>associate.lme</c>: every image-level radiomic feature against every patient-level genomic feature with
/// <c>feature ~ genomic + (1 | patient)</c> fitted by REML, reproducing <c>nlme::lme(..., method = "REML")</c>:
/// Wald t-test of the slope with nlme's denominator df (patients − 2 for a patient-level covariate), then
/// Benjamini–Hochberg q-values (<c>p.adjust(method = "BH")</c>) over the chosen scope. Per-patient sums are
/// computed once per feature, so each fit costs O(patients) (see <see cref="LinearMixedModel"/>).
/// </summary>
public sealed partial class AssociateLinearMixedModelStage : TableStageKind
{
    public override string Name => "associate.lme";
    public override int Version => 1;
    public override string Summary => "Linear mixed model (random intercept per patient, nlme REML) of each radiomic feature on each genomic feature, BH-FDR.";
    public override IReadOnlyList<string> Consumes => ["features", "genomic", "genomic_features"];

    public override IReadOnlyList<ParameterSpec> Parameters =>
    [
        ParameterSpec.Choice("fdr_scope", "global",
            "multiple-testing scope: global (all pairs; controls the FDR of the whole table), per_genomic (each genomic feature over all radiomic features, the seed's choice, which does not control the FDR across genomic features) or per_family",
            "global", "per_genomic", "per_family"),
        ParameterSpec.Number("fdr_threshold", 0.05, "q below which a pair counts as significant in the summary") with { Minimum = 0, Maximum = 1 },
        ParameterSpec.Choice("missing_genomic", "omit", "patients with a missing genomic value: omit them from that fit (na.omit) or fail the fit (na.fail)", "omit", "fail"),
    ];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("associations", "one row per (radiomic feature, genomic feature): beta, se, df, t, p, q, variance components, fit status"),
        new("summary", "significant pairs per genomic feature and family at fdr_threshold"),
    ];

    [GeneratedRegex(@"^fea_(\d+)$")]
    private static partial Regex DeepFeatureName();

    /// <summary>Deep features fea_0001… are kernel-major (16×16 per kernel): kernel = (index − 1) / 256.</summary>
    internal static int? KernelOf(string feature) =>
        DeepFeatureName().Match(feature) is { Success: true } m ? (int.Parse(m.Groups[1].Value) - 1) / 256 : null;

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var features = FeatureMatrix.Read(context.Input("features"));
        var genomic = ParquetFile.Read(context.Input("genomic"));
        var catalog = ParquetFile.Read(context.Input("genomic_features"));
        var familyOf = catalog.GetStrings("name").Zip(catalog.GetStrings("family")).ToDictionary(x => x.First!, x => x.Second ?? "genomic");

        var patients = features.PatientIds.Select(p => p!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var patientIndex = patients.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var patientOfImage = features.PatientIds.Select(p => patientIndex[p!]).ToArray();
        int m = patients.Count, f = features.FeatureCount;

        var genomicRow = genomic.GetStrings("patient_id").Select((p, i) => (p, i)).ToDictionary(x => x.p!, x => x.i, StringComparer.Ordinal);
        var genomicNames = genomic.ColumnNames.Where(c => c != "patient_id").ToList();
        int k = genomicNames.Count;
        var covariates = new double[k * m];
        for (int g = 0; g < k; g++)
        {
            var values = genomic.GetNullableDoubles(genomicNames[g]);
            for (int p = 0; p < m; p++)
                covariates[g * m + p] = genomicRow.TryGetValue(patients[p], out var r) && values[r] is { } v ? v : double.NaN;
        }
        var policy = context.Parameters.GetString("missing_genomic") == "omit" ? MissingCovariatePolicy.Omit : MissingCovariatePolicy.Fail;
        context.Log($"{f} radiomic features × {k} genomic features = {(long)f * k:N0} fits over {m} patients, {features.ImageCount} images");

        // Fit: one task per radiomic feature, each with its own summary buffer; results laid out [feature * k + genomic].
        var fits = new RandomInterceptFit[(long)f * k];
        int done = 0;
        Parallel.For(0, f, new ParallelOptions { CancellationToken = cancellationToken }, () => new PatientSummary(m), (j, _, summary) =>
        {
            summary.Load(features.Column(j), patientOfImage);
            LinearMixedModel.FitMany(summary, covariates, fits.AsSpan(j * k, k), policy);
            int n = Interlocked.Increment(ref done);
            if (n % Math.Max(1, f / 50) == 0) context.Report(0.9 * n / f, $"fitted {n}/{f} features");
            return summary;
        }, _ => { });

        var pValues = new double[fits.Length];
        for (long i = 0; i < fits.Length; i++) pValues[i] = fits[i].HasInference ? fits[i].SlopeP : double.NaN;
        var q = AdjustByScope(pValues, f, k, genomicNames, familyOf, context.Parameters.GetString("fdr_scope"));

        context.Report(0.92, "writing associations");
        WriteAssociations(context.Output("associations"), features, genomicNames, familyOf, fits, q);
        double threshold = context.Parameters.GetNumber("fdr_threshold");
        WriteSummary(context.Output("summary"), f, genomicNames, familyOf, q, threshold);
        int significant = q.Count(x => x < threshold);
        context.Record("fits", fits.Length);
        context.Record("significant", significant);
        context.Report(1.0, $"{significant:N0} of {fits.Length:N0} pairs with q < {threshold}");
        return Task.CompletedTask;
    }

    private static double[] AdjustByScope(double[] p, int f, int k, List<string> genomicNames, Dictionary<string, string> familyOf, string scope)
    {
        if (scope == "global") return BenjaminiHochberg.Adjust(p);
        var q = new double[p.Length];
        // Group the pairs by genomic feature or family, adjust each group on its own.
        var groups = Enumerable.Range(0, k).GroupBy(g => scope == "per_genomic" ? genomicNames[g] : familyOf.GetValueOrDefault(genomicNames[g], "genomic"));
        foreach (var group in groups)
        {
            var members = group.SelectMany(g => Enumerable.Range(0, f).Select(j => (long)j * k + g)).ToArray();
            var adjusted = BenjaminiHochberg.Adjust(members.Select(i => p[i]).ToArray());
            for (int i = 0; i < members.Length; i++) q[members[i]] = adjusted[i];
        }
        return q;
    }

    private static void WriteAssociations(string path, FeatureMatrix features, List<string> genomicNames, Dictionary<string, string> familyOf, RandomInterceptFit[] fits, double[] q)
    {
        var schema = new ColumnDefinition[]
        {
            new("feature", ColumnType.String), new("kernel", ColumnType.Int32), new("genomic_feature", ColumnType.String), new("family", ColumnType.String),
            new("beta", ColumnType.Double), new("se", ColumnType.Double), new("df", ColumnType.Double), new("t", ColumnType.Double),
            new("p", ColumnType.Double), new("q", ColumnType.Double), new("sigma2", ColumnType.Double), new("sigma2_patient", ColumnType.Double),
            new("patients", ColumnType.Int32), new("images", ColumnType.Int64), new("status", ColumnType.String),
        };
        int k = genomicNames.Count;
        using var writer = new ParquetWriter(path, schema);
        const int batch = 65_536;
        for (long start = 0; start < fits.Length; start += batch)
        {
            int n = (int)Math.Min(batch, fits.Length - start);
            var feature = new string?[n]; var kernel = new int?[n]; var gname = new string?[n]; var family = new string?[n];
            var beta = new double?[n]; var se = new double?[n]; var df = new double?[n]; var t = new double?[n];
            var pv = new double?[n]; var qv = new double?[n]; var s2 = new double?[n]; var sb2 = new double?[n];
            var pats = new int[n]; var imgs = new long[n]; var status = new string?[n];
            for (int r = 0; r < n; r++)
            {
                long i = start + r;
                var fit = fits[i];
                int j = (int)(i / k), g = (int)(i % k);
                feature[r] = features.FeatureNames[j];
                kernel[r] = KernelOf(features.FeatureNames[j]);
                gname[r] = genomicNames[g];
                family[r] = familyOf.GetValueOrDefault(genomicNames[g], "genomic");
                bool inference = fit.HasInference;
                beta[r] = Finite(fit.Slope); se[r] = inference ? Finite(fit.SlopeStandardError) : null; df[r] = inference ? fit.SlopeDegreesOfFreedom : null;
                t[r] = inference ? Finite(fit.SlopeT) : null; pv[r] = inference ? Finite(fit.SlopeP) : null; qv[r] = Finite(q[i]);
                s2[r] = Finite(fit.ResidualVariance); sb2[r] = Finite(fit.PatientVariance);
                pats[r] = fit.PatientCount; imgs[r] = fit.ImageCount;
                status[r] = fit.Status == FitStatus.Ok ? "ok" : fit.Status.ToString();
            }
            writer.Append(new Table().Add("feature", feature).Add("kernel", kernel).Add("genomic_feature", gname).Add("family", family)
                .Add("beta", beta).Add("se", se).Add("df", df).Add("t", t).Add("p", pv).Add("q", qv).Add("sigma2", s2).Add("sigma2_patient", sb2)
                .Add("patients", pats).Add("images", imgs).Add("status", status));
        }
        writer.Complete();
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;

    private static void WriteSummary(string path, int f, List<string> genomicNames, Dictionary<string, string> familyOf, double[] q, double threshold)
    {
        int k = genomicNames.Count;
        var counts = new int[k];
        for (long i = 0; i < q.Length; i++)
            if (q[i] < threshold) counts[i % k]++;
        ParquetFile.Write(new Table()
            .Add("genomic_feature", genomicNames.Cast<string?>().ToArray())
            .Add("family", genomicNames.Select(g => (string?)familyOf.GetValueOrDefault(g, "genomic")).ToArray())
            .Add("significant_features", counts)
            .Add("tested_features", Enumerable.Repeat(f, k).ToArray()), path);
    }
}
