using Radiogenomics.Engine.Stages;
using Radiogenomics.Statistics;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>survive.lasso</c>.</summary>
public sealed record SurviveLassoOptions
{
    [Option("column of the survival table with the follow-up time (must be > 0, as glmnet requires)")]
    public string TimeColumn { get; init; } = SurvivalTable.DefaultTimeColumn;

    [Option("column of the survival table with the event flag (1 = event, 0 = censored)")]
    public string EventColumn { get; init; } = SurvivalTable.DefaultEventColumn;

    [Option("which consumed features enter the model: auto (image and genomic features), features or genomic")]
    public SurvivalScreen Use { get; init; } = SurvivalScreen.Auto;

    [Option("how a patient's images become one value per feature")]
    public PatientStatistic Aggregate { get; init; } = PatientStatistic.Mean;

    [Option("elastic-net mixing, glmnet's alpha (1: lasso)", Minimum = 0, Maximum = 1)]
    public double Alpha { get; init; } = 1;

    [Option("glmnet's nlambda", Minimum = 2)]
    public int Nlambda { get; init; } = 100;

    [Option("cv.glmnet's type.measure: deviance (partial likelihood) or c (Harrell's C)")]
    public CoxLassoMeasure Measure { get; init; } = CoxLassoMeasure.Deviance;

    [Option("the λ the coefficients and held-out risks use: lambda.min or lambda.1se")]
    public LassoLambdaRule Rule { get; init; } = LassoLambdaRule.Min;

    [Option("outer folds over patients (the estimate)", Minimum = 3)]
    public int Folds { get; init; } = 5;

    [Option("inner folds (cv.glmnet's choice of λ)", Minimum = 3)]
    public int InnerFolds { get; init; } = 5;

    [Option("seed of the fold assignments", IsSeed = true)]
    public int Seed { get; init; } = 2024;
}
