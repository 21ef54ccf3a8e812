using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>classify.lasso</c>.</summary>
public sealed record ClassifyLassoOptions
{
    [Option("clinical column that holds the label")]
    public string Label { get; init; } = "";

    [Option("auto (0/1, or text with positive), threshold or quantile")]
    public LabelRuleKind Rule { get; init; } = LabelRuleKind.Auto;

    [Option("the text level (or number) that counts as positive")]
    public string Positive { get; init; } = "";

    [Option("rule threshold: positive above this value")]
    public double Threshold { get; init; }

    [Option("rule quantile: positive above this quantile of the training patients (0.75: top quartile)", Minimum = 0, Maximum = 1)]
    public double Quantile { get; init; } = 0.75;

    [Option("patients with features but no label, or a label but no features: fail or drop")]
    public IncompletePatients Incomplete { get; init; } = IncompletePatients.Fail;

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
