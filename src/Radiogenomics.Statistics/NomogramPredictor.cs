using System.Globalization;

namespace Radiogenomics.Statistics;

/// <summary>
/// One predictor's axis of a nomogram before scaling: the values rms draws (<see cref="Labels"/>, numeric
/// <see cref="Values"/> or NaN for a category) and each value's contribution to the linear predictor
/// (<see cref="Effects"/>, β·x, or the level's coefficient with 0 for the reference level).
/// </summary>
public sealed record NomogramPredictor(string Name, IReadOnlyList<string> Labels, IReadOnlyList<double> Values, IReadOnlyList<double> Effects)
{
    /// <summary>
    /// A numeric predictor as <c>datadist</c> and <c>nomogram</c> lay it out: its distinct values when it has at most
    /// 10 (a 0/1 code, a score), otherwise <c>pretty(range(x), 10)</c> over the data's full range.
    /// </summary>
    public static NomogramPredictor Continuous(string name, double coefficient, ReadOnlySpan<double> data)
    {
        var distinct = data.ToArray().Distinct().Order().ToArray();
        if (distinct.Length < 2) throw new ArgumentException($"predictor '{name}' is constant; a nomogram axis needs at least two values");
        var values = distinct.Length <= 10 ? distinct : RPretty.Of(distinct[0], distinct[^1], 10);
        return new NomogramPredictor(name, values.Select(v => v.ToString("G10", CultureInfo.InvariantCulture)).ToArray(), values,
            values.Select(v => coefficient * v).ToArray());
    }

    /// <summary>A categorical predictor: every level in order, the first the reference (coefficient 0).</summary>
    public static NomogramPredictor Categorical(string name, IReadOnlyList<string> levels, IReadOnlyList<double> levelCoefficients)
    {
        if (levels.Count != levelCoefficients.Count) throw new ArgumentException("one coefficient per level (0 for the reference)");
        return new NomogramPredictor(name, levels.ToArray(), levels.Select(_ => double.NaN).ToArray(), levelCoefficients.ToArray());
    }
}
