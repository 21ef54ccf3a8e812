namespace Radiogenomics.Statistics;

/// <summary>
/// The arguments of <c>glmnet(family = "binomial")</c> that <see cref="LogisticLasso"/> honours (pmin 1e-9 besides the
/// shared <see cref="GlmnetOptions"/>).
/// </summary>
public sealed record LogisticLassoOptions : GlmnetOptions;
