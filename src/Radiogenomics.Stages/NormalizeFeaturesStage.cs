using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>
/// <c>normalize.features</c>: normalises image-level radiomic features. <c>quantile</c> is the seed study's
/// per-image quantile normalisation across features (see <see cref="QuantileNormalization"/>); <c>zscore</c>
/// centres and scales each feature over images (sample SD, n − 1); <c>log2</c> is log2(x + 1); <c>none</c> copies.
/// </summary>
public sealed class NormalizeFeaturesStage : TableStageKind
{
    public override string Name => "normalize.features";
    public override int Version => 1;
    public override string Summary => "Normalises image-level features: seed-study quantile normalisation, z-score, log2(x+1).";
    public override IReadOnlyList<string> Consumes => ["features"];

    public override IReadOnlyList<ParameterSpec> Parameters =>
    [
        ParameterSpec.Choice("method", "quantile", "quantile (per image across features, Liu & Hu 2023), zscore (per feature), log2 (log2(x+1)) or none", "quantile", "zscore", "log2", "none"),
    ];

    public override IReadOnlyList<OutputSpec> Produces => [new("features", "normalised image-level features, same layout as the input")];

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var m = FeatureMatrix.Read(context.Input("features"));
        string method = context.Parameters.GetString("method");
        context.Report(0.2, $"{method} over {m.ImageCount} images × {m.FeatureCount} features");
        switch (method)
        {
            case "quantile":
                QuantileNormalization.NormalizeRows(m.Values, m.ImageCount, m.FeatureCount);
                break;
            case "zscore":
                for (int j = 0; j < m.FeatureCount; j++)
                {
                    double mean = 0, ss = 0;
                    for (int i = 0; i < m.ImageCount; i++) mean += m.Values[i * m.FeatureCount + j];
                    mean /= m.ImageCount;
                    for (int i = 0; i < m.ImageCount; i++) ss += Math.Pow(m.Values[i * m.FeatureCount + j] - mean, 2);
                    double sd = Math.Sqrt(ss / (m.ImageCount - 1));
                    // A constant feature has no scale: it becomes all zeros rather than NaN.
                    for (int i = 0; i < m.ImageCount; i++) m.Values[i * m.FeatureCount + j] = sd > 0 ? (m.Values[i * m.FeatureCount + j] - mean) / sd : 0;
                }
                break;
            case "log2":
                for (int k = 0; k < m.Values.Length; k++)
                {
                    if (m.Values[k] <= -1)
                        throw new StageInputException(context.Input("features"), $"image {m.ImageIds[k / m.FeatureCount]}, feature {m.FeatureNames[k % m.FeatureCount]}",
                            $"value {m.Values[k]} ≤ −1 has no log2(x+1)", "use method: zscore or quantile for features that can be negative");
                    m.Values[k] = Math.Log2(m.Values[k] + 1);
                }
                break;
        }
        m.Write(context.Output("features"));
        context.Report(1.0, "done");
        return Task.CompletedTask;
    }
}
