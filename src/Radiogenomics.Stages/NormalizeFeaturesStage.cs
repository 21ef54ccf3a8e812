using Radiogenomics.Statistics;
using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>normalize.features</c>: normalises image-level radiomic features. <c>quantile</c> is the seed study's
/// per-image quantile normalisation across features (see <see cref="QuantileNormalization"/>); <c>zscore</c>
/// centres and scales each feature over images (sample SD, n − 1); <c>log2</c> is log2(x + 1); <c>none</c> copies.
/// <c>aggregate</c> then optionally reduces the images of each patient to one row (R's mean or median, NaN kept),
/// for patient-level analyses (Liu et al. 2024); the output keeps the layout with image_id = patient_id.
/// </summary>
public sealed class NormalizeFeaturesStage : TableStageKind<NormalizeFeaturesOptions>
{
    public override string Name => "normalize.features";
    public override int Version => 3; // carries the feature map
    public override string Summary => "Normalises image-level features: seed-study quantile normalisation, z-score, log2(x+1).";
    public override IReadOnlyList<string> Consumes => ["features"];
    public override IReadOnlyList<string> OptionalConsumes => ["feature_map"];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("features", "normalised features, same layout as the input (one row per image, or per patient when aggregated)"),
        new("feature_map", "the input's feature map carried through (feature, index, kernel|channel, row, column); without one, fea_NNNN get the seed's 16×16 layout and other features none"),
    ];

    public override Task RunAsync(StageContext context, NormalizeFeaturesOptions options, CancellationToken cancellationToken)
    {
        var input = FeatureTable.Read(context.Input("features"), context.HasInput("feature_map") ? context.Input("feature_map") : null);
        var m = input.Values;
        context.Report(0.2, $"{OptionChoices.Spelling(options.Method)} over {m.ImageCount} images × {m.FeatureCount} features");
        switch (options.Method)
        {
            case FeatureNormalization.Quantile or FeatureNormalization.QuantilePreprocessCore:
                var rows = m.ToRowMajor();
                if (options.Method == FeatureNormalization.Quantile)
                    context.Log("quantile: the seed study's rule (tied values take the mean quantile at their minimum rank), not preprocessCore::normalize.quantiles " +
                                "(ties by average rank); method: quantile-preprocesscore gives R's");
                if (options.Method == FeatureNormalization.Quantile) QuantileNormalization.NormalizeRows(rows, m.ImageCount, m.FeatureCount);
                else QuantileNormalization.NormalizeRowsPreprocessCore(rows, m.ImageCount, m.FeatureCount);
                m.SetFromRowMajor(rows);
                break;
            case FeatureNormalization.Zscore:
                foreach (var column in m.Columns) ZScore.StandardizeInPlace(column);
                break;
            case FeatureNormalization.Log2:
                for (int j = 0; j < m.FeatureCount; j++)
                    for (int i = 0; i < m.ImageCount; i++)
                    {
                        double x = m.Columns[j][i];
                        if (x <= -1)
                            throw new DataProblemException(context.Input("features"), $"image {m.ImageIds[i]}, feature {m.FeatureNames[j]}",
                                $"value {x} ≤ −1 has no log2(x+1)", "use method: zscore or quantile for features that can be negative");
                        m.Columns[j][i] = Math.Log2(x + 1);
                    }
                break;
            case FeatureNormalization.None:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Method, "unknown normalisation method");
        }
        if (options.Aggregate != FeatureAggregation.None)
        {
            if (m.PatientIds.Any(string.IsNullOrEmpty))
                throw new DataProblemException(context.Input("features"), $"image {m.ImageIds[Array.FindIndex(m.PatientIds, string.IsNullOrEmpty)]}",
                    "has no patient_id, so it cannot be aggregated per patient", "fill patient_id upstream or use aggregate: none");
            m = PatientAggregation.ToPatientLevel(m, median: options.Aggregate == FeatureAggregation.Median);
            context.Log($"{OptionChoices.Spelling(options.Aggregate)} over each patient's images: {m.ImageCount} patient rows");
        }
        input.With(m).Write(context.Output("features"), context.Output("feature_map"));
        context.Record("rows", m.ImageCount);
        context.Report(1.0, "done");
        return Task.CompletedTask;
    }
}
