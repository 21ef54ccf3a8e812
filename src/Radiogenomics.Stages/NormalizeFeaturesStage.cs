using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>normalize.features</c>: normalises image-level radiomic features. <c>quantile</c> is the seed study's
/// per-image quantile normalisation across features (see <see cref="QuantileNormalization"/>); <c>zscore</c>
/// centres and scales each feature over images (sample SD, n − 1); <c>log2</c> is log2(x + 1); <c>none</c> copies.
/// <c>aggregate</c> then optionally reduces the images of each patient to one row (R's mean or median, NaN kept),
/// for patient-level analyses (Liu et al. 2024); the output keeps the layout with image_id = patient_id.
/// </summary>
public sealed class NormalizeFeaturesStage : TableStageKind
{
    public override string Name => "normalize.features";
    public override int Version => 3; // carries the feature map
    public override string Summary => "Normalises image-level features: seed-study quantile normalisation, z-score, log2(x+1).";
    public override IReadOnlyList<string> Consumes => ["features"];
    public override IReadOnlyList<string> OptionalConsumes => ["feature_map"];

    public override IReadOnlyList<ParameterSpec> Parameters =>
    [
        ParameterSpec.Choice("method", "quantile", "quantile (per image across features, as the Liu & Hu 2023 code: ties at their minimum rank), quantile-preprocesscore (preprocessCore::normalize.quantiles: ties by average rank), zscore (per feature), log2 (log2(x+1)) or none",
            "quantile", "quantile-preprocesscore", "zscore", "log2", "none"),
        ParameterSpec.Choice("aggregate", "none", "after normalising: none keeps one row per image; mean or median make one row per patient (image_id = patient_id)",
            "none", "mean", "median"),
    ];

    public override IReadOnlyList<OutputSpec> Produces =>
    [
        new("features", "normalised features, same layout as the input (one row per image, or per patient when aggregated)"),
        new("feature_map", "the input's feature map carried through (feature, index, kernel|channel, row, column); without one, fea_NNNN get the seed's 16×16 layout and other features none"),
    ];

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var input = FeatureTable.Read(context.Input("features"), context.HasInput("feature_map") ? context.Input("feature_map") : null);
        var m = input.Values;
        string method = context.Parameters.GetString("method");
        context.Report(0.2, $"{method} over {m.ImageCount} images × {m.FeatureCount} features");
        switch (method)
        {
            case "quantile" or "quantile-preprocesscore":
                var rows = m.ToRowMajor();
                if (method == "quantile") QuantileNormalization.NormalizeRows(rows, m.ImageCount, m.FeatureCount);
                else QuantileNormalization.NormalizeRowsPreprocessCore(rows, m.ImageCount, m.FeatureCount);
                m.SetFromRowMajor(rows);
                break;
            case "zscore":
                foreach (var column in m.Columns)
                {
                    double mean = column.Average(), ss = 0;
                    foreach (var x in column) ss += (x - mean) * (x - mean);
                    double sd = Math.Sqrt(ss / (column.Length - 1));
                    // A constant feature has no scale: it becomes all zeros rather than NaN.
                    for (int i = 0; i < column.Length; i++) column[i] = sd > 0 ? (column[i] - mean) / sd : 0;
                }
                break;
            case "log2":
                for (int j = 0; j < m.FeatureCount; j++)
                    for (int i = 0; i < m.ImageCount; i++)
                    {
                        double x = m.Columns[j][i];
                        if (x <= -1)
                            throw new StageInputException(context.Input("features"), $"image {m.ImageIds[i]}, feature {m.FeatureNames[j]}",
                                $"value {x} ≤ −1 has no log2(x+1)", "use method: zscore or quantile for features that can be negative");
                        m.Columns[j][i] = Math.Log2(x + 1);
                    }
                break;
        }
        string aggregate = context.Parameters.GetString("aggregate");
        if (aggregate != "none")
        {
            if (m.PatientIds.Any(string.IsNullOrEmpty))
                throw new StageInputException(context.Input("features"), $"image {m.ImageIds[Array.FindIndex(m.PatientIds, string.IsNullOrEmpty)]}",
                    "has no patient_id, so it cannot be aggregated per patient", "fill patient_id upstream or use aggregate: none");
            m = PatientAggregation.ToPatientLevel(m, median: aggregate == "median");
            context.Log($"{aggregate} over each patient's images: {m.ImageCount} patient rows");
        }
        input.With(m).Write(context.Output("features"), context.Output("feature_map"));
        context.Record("rows", m.ImageCount);
        context.Report(1.0, "done");
        return Task.CompletedTask;
    }
}
