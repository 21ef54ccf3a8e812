using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>
/// The label options every classify stage that trains a model shares (lasso, forest, boosting, mlp, nomogram), declared
/// once: which clinical column, how it becomes 0/1 (levels named positive, negative or excluded; a threshold; a training
/// quantile) and what to do with patients that lack a label or features. The binder lists them before a stage's own.
/// </summary>
public abstract record ClassifyLabelOptions
{
    [Option("clinical column that holds the label")]
    public string Label { get; init; } = "";

    [Option("auto (0/1, or levels named by positive), threshold or quantile")]
    public LabelRuleKind Rule { get; init; } = LabelRuleKind.Auto;

    [Option("the levels (or numbers) that count as positive, e.g. Positive or [T2, T3, T4]")]
    public IReadOnlyList<string> Positive { get; init; } = [];

    [Option("the levels that count as negative; empty: the one level left of a text column (every other number of a numeric one). With negative named, a level no list names is an error")]
    public IReadOnlyList<string> Negative { get; init; } = [];

    [Option("levels whose patients leave this label's analysis, counted and reported (e.g. [Equivocal, Indeterminate]); with rule threshold or quantile, values")]
    public IReadOnlyList<string> Exclude { get; init; } = [];

    [Option("how positive, negative and exclude name levels: exact, or prefix (T2 covers T2a, T2b, T2c)")]
    public LabelMatch Match { get; init; } = LabelMatch.Exact;

    [Option("rule threshold: positive above this value")]
    public double Threshold { get; init; }

    [Option("rule quantile: positive above this quantile of the training patients (0.75: top quartile)", Minimum = 0, Maximum = 1)]
    public double Quantile { get; init; } = 0.75;

    [Option("patients missing the label or their features (the nomogram: a signature or covariate): fail, or drop them")]
    public IncompletePatients Incomplete { get; init; } = IncompletePatients.Fail;

    /// <summary>The label rule these options describe.</summary>
    public LabelRule ToRule()
    {
        var levels = new LabelLevels(Positive, Negative, Exclude, Match == LabelMatch.Prefix);
        return new LabelRule(Label, levels.IsEmpty ? null : levels,
            Rule == LabelRuleKind.Threshold ? Threshold : null, Rule == LabelRuleKind.Quantile ? Quantile : null);
    }
}
