namespace Radiogenomics.Data;

/// <summary>
/// The levels of a label column that count as positive, as negative, or take their patients out of the label's analysis
/// (as R's <c>droplevels</c> after subsetting), named exactly or — with <see cref="Prefix"/> — by their start, so
/// <c>T2</c> covers T2a, T2b and T2c. An empty <see cref="Negative"/> leaves the negative class implicit: the one level
/// of a text column that positive and exclude do not name, or every other value of a numeric column.
/// </summary>
public sealed record LabelLevels(IReadOnlyList<string> Positive, IReadOnlyList<string> Negative, IReadOnlyList<string> Exclude, bool Prefix = false)
{
    /// <summary>One positive level, the rest implicit: the two-level case.</summary>
    public static LabelLevels Of(string positive) => new([positive], [], []);

    /// <summary>True when every list is empty (no level named).</summary>
    public bool IsEmpty => Positive.Count == 0 && Negative.Count == 0 && Exclude.Count == 0;

    /// <summary>True for one exact positive level and nothing else: the rule the options have always had.</summary>
    public bool IsSinglePositive => Positive.Count == 1 && Negative.Count == 0 && Exclude.Count == 0 && !Prefix;

    /// <summary>Whether <paramref name="level"/> is what <paramref name="name"/> names: equal, or starting with it under <see cref="Prefix"/>.</summary>
    public bool Names(string name, string level) => Prefix ? level.StartsWith(name, StringComparison.Ordinal) : level == name;

    /// <summary>A short description, e.g. <c>{T2*, T3*, T4*} vs {T1*}, excluding {TX}</c>.</summary>
    public string Describe()
    {
        string Set(IReadOnlyList<string> names) => "{" + string.Join(", ", names.Select(n => Prefix ? n + "*" : n)) + "}";
        var text = Set(Positive);
        if (Negative.Count > 0) text += " vs " + Set(Negative);
        if (Exclude.Count > 0) text += ", excluding " + Set(Exclude);
        return text;
    }

    public bool Equals(LabelLevels? other) =>
        other is not null && Prefix == other.Prefix && Positive.SequenceEqual(other.Positive) && Negative.SequenceEqual(other.Negative) && Exclude.SequenceEqual(other.Exclude);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Prefix);
        foreach (var list in new[] { Positive, Negative, Exclude })
        {
            hash.Add(list.Count);
            foreach (var s in list) hash.Add(s, StringComparer.Ordinal);
        }
        return hash.ToHashCode();
    }
}
