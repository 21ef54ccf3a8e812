namespace Radiogenomics.Genomics;

/// <summary>
/// Gene sets mapped to rows as GSVA 1.46 does it: <c>.mapGeneSetsToFeatures</c> (match() of every member against the row
/// names: first matching row, absent members dropped, repeated members kept) then <c>filterGeneSets</c>
/// (keep max(1, min.sz) ≤ mapped size ≤ max.sz).
/// </summary>
internal sealed class GeneSetIndex
{
    public required int[][] Rows { get; init; }            // mapped row indices per input set (empty when not scored)
    public required GeneSetOutcome[] Outcomes { get; init; }

    public bool AnyScored => Outcomes.Any(o => o.Scored);

    public static GeneSetIndex Build(IReadOnlyList<string> rowNames, IReadOnlyList<GeneSet> sets, int minSize, int maxSize, string? noteOnDroppedRows = null)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (minSize > maxSize) throw new ArgumentException("minSize cannot exceed maxSize.");
        var firstRow = new Dictionary<string, int>(rowNames.Count, StringComparer.Ordinal);
        for (int i = 0; i < rowNames.Count; i++) firstRow.TryAdd(rowNames[i], i);
        int min = Math.Max(1, minSize);
        var rows = new int[sets.Count][];
        var outcomes = new GeneSetOutcome[sets.Count];
        for (int s = 0; s < sets.Count; s++)
        {
            var set = sets[s] ?? throw new ArgumentException($"Gene set {s} is null.", nameof(sets));
            var mapped = new List<int>(set.Genes.Count);
            foreach (var gene in set.Genes) if (gene is not null && firstRow.TryGetValue(gene, out int r)) mapped.Add(r);
            string? reason = null;
            if (mapped.Count == 0)
                reason = $"none of its {set.Genes.Count} genes is present in the expression matrix{noteOnDroppedRows}";
            else if (mapped.Count < min) reason = $"{mapped.Count} mapped gene(s) < min size {min}";
            else if (mapped.Count > maxSize) reason = $"{mapped.Count} mapped genes > max size {maxSize}";
            rows[s] = reason is null ? mapped.ToArray() : [];
            outcomes[s] = new GeneSetOutcome(set.Name, set.Genes.Count, mapped.Count, reason is null, reason);
        }
        return new GeneSetIndex { Rows = rows, Outcomes = outcomes };
    }

    /// <summary>All sets unscored with the same reason (method undefined for this input).</summary>
    public static GeneSetScores Unscorable(string method, IReadOnlyList<string> samples, IReadOnlyList<GeneSet> sets, string reason)
    {
        var outcomes = sets.Select(s => new GeneSetOutcome(s.Name, s.Genes.Count, 0, false, reason)).ToArray();
        var scores = new double[sets.Count * samples.Count];
        Array.Fill(scores, double.NaN);
        return new GeneSetScores(method, samples, outcomes, scores);
    }

    public double[] NewScoreMatrix(int samples)
    {
        var scores = new double[Rows.Length * samples];
        Array.Fill(scores, double.NaN);
        return scores;
    }
}
