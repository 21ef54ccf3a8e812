using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>classify.nomogram</c>: the shared label options, then its own.</summary>
public sealed record ClassifyNomogramOptions : ClassifyLabelOptions
{
    [Option("clinical covariates of the model (numeric as they are, text dummy coded against its first level, as lrm)")]
    public IReadOnlyList<string> Covariates { get; init; } = [];

    [Option("outer folds when the signatures carry none (their own outer folds are used when they do)", Minimum = 3)]
    public int Folds { get; init; } = 5;

    [Option("cv (held-out fusion scores by fold) or external (fit on the training cohort, score the validation cohort)")]
    public ClassifyValidation Validation { get; init; } = ClassifyValidation.Cv;

    [Option("validation external, when the signatures carry no cohort: clinical column naming each patient's cohort (empty: a seeded stratified split)")]
    public string CohortColumn { get; init; } = "";

    [Option("validation external: the cohort column's value of the training cohort")]
    public string TrainingCohort { get; init; } = "";

    [Option("validation external without cohorts: share of each class in the training cohort", Minimum = 0.1, Maximum = 0.9)]
    public double TrainingFraction { get; init; } = 0.7;

    [Option("label-permutation negative control: refit the held-out fusion on this many seeded label shuffles (0: none)", Minimum = 0, Maximum = 100000)]
    public int Permutations { get; init; }

    [Option("seed of folds, cohort split and permutations", IsSeed = true)]
    public int Seed { get; init; } = 2024;
}
