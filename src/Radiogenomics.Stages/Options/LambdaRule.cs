using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>Which λ of a cross-validated glmnet path a stage keeps.</summary>
public enum LambdaRule
{
    /// <summary>cv.glmnet's lambda.min: the lowest cross-validated error.</summary>
    [Choice("lambda.min")]
    LambdaMin,

    /// <summary>cv.glmnet's lambda.1se: the largest λ within one standard error of it.</summary>
    [Choice("lambda.1se")]
    LambdaOneSe,
}
