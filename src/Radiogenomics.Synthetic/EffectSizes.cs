namespace Radiogenomics.Synthetic;

/// <summary>
/// Planted effects. Tumour properties are standardised latent scores: each coefficient is the SD change of the property per
/// SD of the driver (programme activity or single-gene driver); the residual variance is set so every property keeps SD 1.
/// Clinical effects are probit slopes (receptor status), ordinal-probit slopes (N stage) and Cox log hazard ratios.
/// <see cref="Scale"/> multiplies every effect: 0 gives a null cohort with the same marginals.
/// </summary>
public sealed record EffectSizes
{
    public static EffectSizes Default { get; } = new();

    /// <summary>A null cohort: same marginal distributions, no planted association.</summary>
    public static EffectSizes None { get; } = new() { Scale = 0 };

    /// <summary>Multiplies every coefficient below.</summary>
    public double Scale { get; init; } = 1.0;

    // Tumour properties (SD of property per SD of driver).
    public double ProliferationOnSize { get; init; } = 0.55;
    public double AngiogenesisOnEnhancement { get; init; } = 0.55;
    public double Her2OnEnhancement { get; init; } = 0.30;
    public double HypoxiaOnWashout { get; init; } = 0.50;
    public double LuminalOnWashout { get; init; } = -0.35;
    public double HypoxiaOnHeterogeneity { get; init; } = 0.45;
    public double ProliferationOnHeterogeneity { get; init; } = 0.30;
    public double StromalOnMargin { get; init; } = 0.60;

    /// <summary>Effect of each single-gene driver (CCND1 → size, ANGPTL4 → enhancement, PLOD2 → heterogeneity, TGFBI → margin) through its own expression, independent of any programme.</summary>
    public double SingleGeneDriverEffect { get; init; } = 0.30;

    // Receptor status: probit slopes on the luminal programme (intercepts are solved to keep the prevalences in CohortSpec).
    public double LuminalOnErProbit { get; init; } = 2.0;
    public double LuminalOnPrProbit { get; init; } = 1.6;

    // N stage: ordinal probit (latent SD units per SD of driver; cut-points keep the N0–N3 proportions of CohortSpec).
    public double ProliferationOnNodes { get; init; } = 0.40;
    public double StromalOnNodes { get; init; } = 0.35;
    public double SizeOnNodes { get; init; } = 0.25;

    // Overall survival: Cox log hazard ratio per SD (age per decade).
    public double ProliferationLogHazard { get; init; } = 0.50;
    public double LuminalLogHazard { get; init; } = -0.35;
    public double ImmuneLogHazard { get; init; } = -0.30;
    public double AgeLogHazardPerDecade { get; init; } = 0.20;

    /// <summary>Range of |log-expression loading| (natural log per SD of programme activity) for ordinary programme member genes.</summary>
    public double MinGeneLoading { get; init; } = 0.45;
    public double MaxGeneLoading { get; init; } = 0.90;
}
