namespace Radiogenomics.Genomics;

/// <summary>
/// Gene sets × samples enrichment scores. There is one row per input set, in input order: GSVA drops the sets it cannot
/// score, here their row is NaN and <see cref="GeneSetOutcome.Reason"/> explains (no member present, size filter, …).
/// </summary>
public sealed class GeneSetScores
{
    private readonly double[] _scores;

    internal GeneSetScores(string method, IReadOnlyList<string> samples, IReadOnlyList<GeneSetOutcome> sets, double[] scores)
    {
        Method = method;
        Samples = samples;
        Sets = sets;
        _scores = scores;
    }

    /// <summary>The method and its settings, e.g. <c>ssgsea(alpha=0.25, norm=TRUE)</c>.</summary>
    public string Method { get; }
    public IReadOnlyList<string> Samples { get; }
    public IReadOnlyList<GeneSetOutcome> Sets { get; }

    public double this[int set, int sample]
    {
        get
        {
            if ((uint)sample >= (uint)Samples.Count) throw new ArgumentOutOfRangeException(nameof(sample));
            return _scores[set * Samples.Count + sample];
        }
    }

    /// <summary>The scores of one set across samples.</summary>
    public ReadOnlySpan<double> Row(int set) => _scores.AsSpan(set * Samples.Count, Samples.Count);

    /// <summary>Index of the first set called <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Sets.Count; i++) if (Sets[i].Name == name) return i;
        return -1;
    }
}
