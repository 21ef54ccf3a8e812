namespace Radiogenomics.Statistics;

/// <summary>
/// The arguments of <c>glmnet(family = "gaussian")</c> that <see cref="GaussianElasticNet"/> honours: the shared
/// <see cref="GlmnetOptions"/> and <c>intercept</c>. <c>thresh</c> applies to the unit-variance response, whose null
/// deviance is 1.
/// </summary>
public sealed record GaussianElasticNetOptions : GlmnetOptions
{
    /// <summary><c>intercept</c>: fit one (x and y centred); false fits through the origin.</summary>
    public bool Intercept { get; init; } = true;
}
