using System.Globalization;

namespace Radiogenomics.Data;

/// <summary>
/// How a clinical column becomes a 0/1 class label: a 0/1 column as it is; a two-level text column with the level that
/// counts as positive named (<see cref="Positive"/>); a numeric column positive above a fixed <see cref="Threshold"/>,
/// or above its <see cref="Quantile"/> (type 7) — computed on the training patients of each fold, never on the cohort.
/// </summary>
public sealed record LabelRule(string Column, string? Positive = null, double? Threshold = null, double? Quantile = null)
{
    /// <summary>True when the label depends on which patients are training patients (a quantile rule).</summary>
    public bool IsFoldDependent => Quantile is not null;

    /// <summary>A short description for tables and logs, e.g. <c>ER Status = Positive</c> or <c>age &gt; q0.75 (training folds)</c>.</summary>
    public string Describe() =>
        Positive is not null ? $"{Column} = {Positive}"
        : Threshold is { } t ? $"{Column} > {t.ToString(CultureInfo.InvariantCulture)}"
        : Quantile is { } q ? $"{Column} > its {q.ToString(CultureInfo.InvariantCulture)} quantile in each training fold"
        : $"{Column} (0/1)";
}
