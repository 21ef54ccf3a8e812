using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>classify.lasso</c>: the shared label options, then its own.</summary>
public sealed record ClassifyLassoOptions : ClassifyLabelOptions
{
    [Option("elastic-net mixing, glmnet's alpha (1: lasso)", Minimum = 0, Maximum = 1)]
    public double Alpha { get; init; } = 1;

    [Option("glmnet's nlambda", Minimum = 2)]
    public int Nlambda { get; init; } = 100;

    [Option("outer folds (the estimate)", Minimum = 3)]
    public int Folds { get; init; } = 5;

    [Option("inner folds (cv.glmnet's choice of λ)", Minimum = 3)]
    public int InnerFolds { get; init; } = 5;

    [Option("clinical column with each patient's outer fold (1..K); empty: stratified folds drawn with seed")]
    public string FoldColumn { get; init; } = "";

    [Option("patient (honest) or image (the seed code's leaky split, only to show the leak)")]
    public ClassifySplit Split { get; init; } = ClassifySplit.Patient;

    [Option("cv (nested cross-validation over all patients) or external (train on one cohort, score the other)")]
    public ClassifyValidation Validation { get; init; } = ClassifyValidation.Cv;

    [Option("validation external: clinical column naming each patient's cohort (empty: a seeded stratified split by training_fraction)")]
    public string CohortColumn { get; init; } = "";

    [Option("validation external: the cohort column's value of the training cohort")]
    public string TrainingCohort { get; init; } = "";

    [Option("validation external without a cohort column: share of each class drawn into the training cohort", Minimum = 0.1, Maximum = 0.9)]
    public double TrainingFraction { get; init; } = 0.7;

    [Option("label-permutation negative control: rerun the whole nested estimate on this many seeded shuffles of the labels (0: none)", Minimum = 0, Maximum = 10000)]
    public int Permutations { get; init; }

    [Option("seed of the fold assignment", IsSeed = true)]
    public int Seed { get; init; } = 2023;
}
