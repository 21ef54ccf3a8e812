using System.Globalization;

namespace Radiogenomics.Data;

/// <summary>
/// How a clinical column becomes a 0/1 class label: a 0/1 column as it is; a text (or numeric-coded) column whose
/// positive, negative and excluded levels are named (<see cref="Levels"/>); a numeric column positive above a fixed
/// <see cref="Threshold"/>, or above its <see cref="Quantile"/> (type 7) — computed on the training patients of each
/// fold, never on the cohort. A threshold or quantile rule may still exclude values (e.g. a code for unknown).
/// </summary>
public sealed record LabelRule(string Column, LabelLevels? Levels = null, double? Threshold = null, double? Quantile = null)
{
    /// <summary>A two-level column with <paramref name="positive"/> the positive level.</summary>
    public static LabelRule TwoLevel(string column, string positive) => new(column, LabelLevels.Of(positive));

    /// <summary>True when the label depends on which patients are training patients (a quantile rule).</summary>
    public bool IsFoldDependent => Quantile is not null;

    /// <summary>The levels that count as positive (empty when none are named).</summary>
    public IReadOnlyList<string> Positive => Levels?.Positive ?? [];

    /// <summary>A short description for tables and logs, e.g. <c>ER Status = Positive</c> or <c>age &gt; q0.75 (training folds)</c>.</summary>
    public string Describe()
    {
        string excluding = Levels is { Exclude.Count: > 0 } l && l.Positive.Count == 0 ? $", excluding {{{string.Join(", ", l.Exclude)}}}" : "";
        return Levels is { IsSinglePositive: true } single ? $"{Column} = {single.Positive[0]}"
            : Levels is { Positive.Count: > 0 } levels ? $"{Column} ∈ {levels.Describe()}"
            : Threshold is { } t ? $"{Column} > {t.ToString(CultureInfo.InvariantCulture)}{excluding}"
            : Quantile is { } q ? $"{Column} > its {q.ToString(CultureInfo.InvariantCulture)} quantile in each training fold{excluding}"
            : $"{Column} (0/1){excluding}";
    }
}
