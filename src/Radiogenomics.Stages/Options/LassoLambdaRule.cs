using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>Which λ of cv.glmnet a penalised model uses.</summary>
public enum LassoLambdaRule
{
    /// <summary>The λ with the best cross-validated value.</summary>
    [Choice("lambda.min")] Min,

    /// <summary>The largest λ within one standard error of the best (sparser).</summary>
    [Choice("lambda.1se")] OneSe,
}
