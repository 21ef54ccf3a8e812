using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>predict.elastic_net</c>.</summary>
public sealed record PredictElasticNetOptions
{
    [Option("columns of the features (target) table to predict; empty: every numeric column")]
    public IReadOnlyList<string> Targets { get; init; } = [];

    [Option("elastic-net mixing values of the grid (glmnet's alpha; 1: lasso, 0: ridge)")]
    public IReadOnlyList<double> Alphas { get; init; } = [0.1, 0.25, 0.5, 0.75, 1];

    [Option("glmnet's nlambda: λ values per α", Minimum = 2)]
    public int Nlambda { get; init; } = 100;

    [Option("λ per α from the inner cross-validation: lambda.min or lambda.1se")]
    public LambdaRule LambdaRule { get; init; } = LambdaRule.LambdaMin;

    [Option("outer folds (held-out predictions)", Minimum = 3)]
    public int Folds { get; init; } = 10;

    [Option("inner folds within each training set (the choice of α and λ)", Minimum = 3)]
    public int InnerFolds { get; init; } = 5;

    [Option("column with each patient's outer fold (1..K), from the clinical table if bound and holding it, else from the features table (never a target); empty: folds drawn with seed")]
    public string FoldColumn { get; init; } = "";

    [Option("without a genomic table, from an expression (counts) table: the genes of highest variance of log2(CPM + 1) kept as predictors (as predict.morphology)", Minimum = 1)]
    public int TopGenes { get; init; } = 2000;

    [Option("name of the model in the predictions table")]
    public string Model { get; init; } = "elastic_net";

    [Option("seed of the fold assignment", IsSeed = true)]
    public int Seed { get; init; } = 2018;
}
