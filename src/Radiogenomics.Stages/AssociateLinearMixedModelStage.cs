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
public sealed class AssociateLinearMixedModelStage : TableStageKind<AssociateLinearMixedModelOptions>, IShardableStageKind
{
    public override string Name => "associate.lme";
    public override int Version => 4; // 4: kernels from the feature map, not from the name and a 16×16 grid
    public override string Summary => "Linear mixed model (random intercept per patient, nlme REML) of each radiomic feature on each genomic feature, BH-FDR.";
    public override IReadOnlyList<string> Consumes => ["features", "genomic", "genomic_features"];
    public override IReadOnlyList<string> OptionalConsumes => ["feature_map"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("associations", "one row per (radiomic feature, genomic feature): beta, se, df, t, p, q, variance components, fit status"),
        new("summary", "per genomic feature: significant radiomic features at fdr_threshold and the top kernels (the seed's Table 3)"),
        new("kernel_summary", "per kernel and family: significant and tested pairs (the seed's Table 2; kernel is null for non-deep features)"),
        new("feature_summary", "radiomic features ranked by their number of significant genomic features (the seed's Fig. 5e)"),
        .. FigureOutputs.Specs("heatmap", "-log10 q of radiomic × genomic features, clustered (the seed's Fig. 5a-c)"),
        .. FigureOutputs.Specs("heatmap_top", "the same for the 40 radiomic and 30 genomic features with the smallest q, clustered"),
    ];

    public override Task RunAsync(StageContext context, AssociateLinearMixedModelOptions options, CancellationToken cancellationToken)
    {
        var scan = Prepare(context, options);
        context.Log($"{scan.FeatureCount} radiomic × {scan.GenomicNames.Count} genomic features = {scan.PairCount:N0} fits over {scan.Patients.Count} patients");

        var p = scan.PValues(new Progress(context, 0.0, 0.45, "fitting (pass 1: p-values)"), cancellationToken);
        var q = scan.QValues(p, options.FdrScope);
        var untested = scan.Write(context.Output("associations"), q, new Progress(context, 0.45, 0.5, "refitting and writing (pass 2)"), cancellationToken);
        Summarise(context, options, scan, q, untested);
        return Task.CompletedTask;
    }

    public string ShardExtension => ".parquet";

    /// <summary>A shard is a contiguous block of radiomic features: their fits against every genomic feature, q left for the merge.</summary>
    public Task RunShardAsync(StageContext context, StageShard shard, string shardOutput, CancellationToken cancellationToken)
    {
        var (scan, start, end, total) = PrepareShard(context, StageOptions<AssociateLinearMixedModelOptions>.Bind(context.Parameters), shard);
        context.Log($"shard {shard}: radiomic features {start + 1}-{end} of {total} × {scan.GenomicNames.Count} genomic features");
        scan.WriteShard(shardOutput, 0, scan.FeatureCount, cancellationToken);
        return Task.CompletedTask;
    }

    /// <summary>BH over the p of every shard, then the same tables and figures as an unsharded run (the same bytes).</summary>
    public Task MergeShardsAsync(StageContext context, IReadOnlyList<string> shardOutputs, CancellationToken cancellationToken)
    {
        var options = StageOptions<AssociateLinearMixedModelOptions>.Bind(context.Parameters);
        var scan = Prepare(context, options);
        var (untested, q) = scan.Merge(context.Output("associations"), shardOutputs, options.FdrScope, cancellationToken);
        Summarise(context, options, scan, q, untested);
        return Task.CompletedTask;
    }

    private static void Summarise(StageContext context, AssociateLinearMixedModelOptions options, AssociationScan scan, double[] q, IReadOnlyDictionary<FitStatus, long> untested)
    {
        double threshold = options.FdrThreshold;
        var summaries = new AssociationSummaries(scan.FeatureNames, scan.Kernels, scan.GenomicNames, g => scan.FamilyOf.GetValueOrDefault(scan.GenomicNames[g], "genomic"), q, threshold);
        ParquetFile.Write(summaries.ByGenomicFeature(), context.Output("summary"));
        ParquetFile.Write(summaries.ByKernelAndFamily(), context.Output("kernel_summary"));
        ParquetFile.Write(summaries.ByRadiomicFeature(), context.Output("feature_summary"));
        context.Report(0.97, "drawing the heatmap");
        summaries.SaveHeatmap(FigureOutputs.Paths(context, "heatmap"), $"LME: -log10 q ({OptionChoices.Spelling(options.FdrScope)} BH)");
        summaries.SaveTopHeatmap(FigureOutputs.Paths(context, "heatmap_top"), $"LME: -log10 q ({OptionChoices.Spelling(options.FdrScope)} BH), smallest q");

        long significant = q.LongCount(x => x < threshold);
        ReportSkippedFits(context, untested, scan.PairCount);
        context.Record("fits", scan.PairCount);
        context.Record("significant", significant);
        context.Report(1.0, $"{significant:N0} of {scan.PairCount:N0} pairs with q < {threshold}");
    }

    /// <summary>What each status without a test means for the user.</summary>
    private static string Meaning(FitStatus status) => status switch
    {
        FitStatus.ConstantResponse => "radiomic feature constant over every image (e.g. a dead autoencoder unit)",
        FitStatus.PerfectFit => "patient means exactly on a line",
        FitStatus.ConstantCovariate => "genomic feature constant over the patients",
        FitStatus.TooFewPatients => "fewer than 3 patients",
        FitStatus.MissingCovariate => "genomic value missing for an imaged patient",
        FitStatus.NonFiniteResponse => "non-finite feature value",
        FitStatus.NotConverged => "optimiser did not converge",
        _ => "no slope test",
    };

    /// <summary>The fits that produced no test, by status, into the provenance and as a run-summary warning.</summary>
    private static void ReportSkippedFits(StageContext context, IReadOnlyDictionary<FitStatus, long> untested, long fits)
    {
        var counts = untested.OrderByDescending(c => c.Value).ThenBy(c => c.Key.ToString(), StringComparer.Ordinal).ToList();
        long skipped = counts.Sum(c => c.Value);
        context.Record("skipped_fits", skipped);
        context.Record("skipped_fits_by_status", counts.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal));
        if (skipped == 0) return;
        context.Warn($"{skipped:N0} of {fits:N0} fits ({(double)skipped / fits:P1}) have no test: " +
                     string.Join("; ", counts.Select(c => $"{c.Value:N0} {c.Key} ({Meaning(c.Key)})")));
    }

    /// <summary>Aligns the genomic table to the imaged patients (sorted ids); missing values become NaN.</summary>
    private static AssociationScan Prepare(StageContext context, AssociateLinearMixedModelOptions options) =>
        Prepare(context, options, FeatureTable.Read(context.Input("features"), context.HasInput("feature_map") ? context.Input("feature_map") : null));

    /// <summary>
    /// A shard's features only (its block of columns, read by name, with their places in the whole table's layout): a
    /// shard reads 1/n of the feature table instead of all of it. The fits depend on nothing else, so the rows are the same.
    /// </summary>
    private static (AssociationScan Scan, int Start, int End, int Total) PrepareShard(StageContext context, AssociateLinearMixedModelOptions options, StageShard shard)
    {
        string path = context.Input("features");
        var names = ParquetFile.ReadSchema(path).Select(c => c.Name).Where(n => n is not ("image_id" or "patient_id")).ToList();
        string? map = context.HasInput("feature_map") ? context.Input("feature_map") : null;
        var layout = map is null ? FeatureLayout.FromSeedNames(names) : FeatureLayout.Read(map).For(names, map);
        var (start, end) = shard.Range(names.Count);
        var block = names.GetRange(start, end - start);
        var table = ParquetFile.Read(path, ["image_id", "patient_id", .. block]);
        var columns = block.Select(n => table[n].Type == ColumnType.Float ? table.GetFloats(n).Select(f => (double)f).ToArray() : table.GetDoubles(n)).ToArray();
        var values = new FeatureMatrix(table.GetStrings("image_id"), table.GetStrings("patient_id"), block, columns);
        var features = new FeatureTable(values, new FeatureLayout(block, layout.Positions.Skip(start).Take(end - start).ToList(), layout.Axis));
        return (Prepare(context, options, features), start, end, names.Count);
    }

    private static AssociationScan Prepare(StageContext context, AssociateLinearMixedModelOptions options, FeatureTable features)
    {
        var patients = PatientOrder.Of(features.Values.PatientIds);
        var genomic = GenomicCovariates.Read(context.Input("genomic"), context.Input("genomic_features"), patients);
        if (options.MissingGenomic == MissingGenomicPolicy.Fail)
        {
            // As R's na.fail: a missing value stops the analysis (not just that fit), naming where it is.
            int m = patients.Count;
            int missing = Array.FindIndex(genomic.Values, v => !double.IsFinite(v));
            if (missing >= 0)
            {
                int count = genomic.Values.Count(v => !double.IsFinite(v));
                throw new DataProblemException(context.Input("genomic"), $"genomic feature '{genomic.Names[missing / m]}', patient {patients[missing % m]}",
                    $"is missing ({count} missing value(s) among the imaged patients) and missing_genomic is fail (na.fail)",
                    "use missing_genomic: omit to leave those patients out of the fits they lack a value for (na.omit), or fill the values in");
            }
        }
        var policy = options.MissingGenomic switch { MissingGenomicPolicy.Omit => MissingCovariatePolicy.Omit, MissingGenomicPolicy.Fail => MissingCovariatePolicy.Fail };
        return new AssociationScan(features, patients, genomic.Names, genomic.Values, genomic.FamilyOf, policy);
    }

    /// <summary>Maps a pass's 0..1 progress onto a slice of the stage's bar.</summary>
    private sealed class Progress(StageContext context, double offset, double width, string what) : IProgress<double>
    {
        private int _lastPercent = -1;

        public void Report(double value)
        {
            int percent = (int)(value * 100);
            if (Interlocked.Exchange(ref _lastPercent, percent) == percent) return;
            context.Report(offset + width * value, $"{what} {percent}%");
        }
    }
}
