namespace Radiogenomics.Genomics;

/// <summary>
/// genefu's <c>geneid.map</c> (used by every signature with <c>do.mapping = TRUE</c>): signature entries without an identifier
/// and repeated identifiers (after the first) are dropped; rows that are entirely NaN are ignored; when several rows carry the
/// identifier, the row with the largest sd(na.rm) · (log((n + 1)/(n_NA + 1)) + 1) wins (the factor penalises missing values;
/// genefu compares the sds as 15-significant-digit text, reproduced here; an undefined sd loses; ties go to the first row).
/// </summary>
internal sealed class SignatureGeneMapper
{
    private readonly Dictionary<string, List<int>> _rows;
    private readonly SignatureCohort _cohort;
    private readonly GeneIdentifier _by;

    public SignatureGeneMapper(SignatureCohort cohort, GeneIdentifier by)
    {
        _cohort = cohort;
        _by = by;
        var comparer = by == GeneIdentifier.Symbol ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        _rows = new Dictionary<string, List<int>>(comparer);
        var ids = cohort.Identifiers(by);
        for (int r = 0; r < ids.Count; r++)
        {
            if (ids[r] is not { } id || AllMissing(cohort.Expression.Row(r))) continue;
            if (!_rows.TryGetValue(id, out var list)) _rows[id] = list = [];
            list.Add(r);
        }
    }

    public StringComparer Comparer => _by == GeneIdentifier.Symbol ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>Maps signature entries given as (identifier, Entrez ID, symbol, probe) in signature order.</summary>
    public SignatureMapping Map(IReadOnlyList<(string? Id, string? Entrez, string? Symbol, string Probe)> entries)
    {
        var seen = new HashSet<string>(Comparer);
        var kept = new List<int>();
        var rows = new List<int>();
        var missing = new List<string>();
        int withoutId = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Id is null)
            {
                withoutId++;
                missing.Add($"probe {e.Probe} (no {(_by == GeneIdentifier.EntrezId ? "Entrez ID" : "symbol")})");
                continue;
            }
            if (!seen.Add(e.Id)) continue;
            int row = Best(e.Id);
            kept.Add(i);
            rows.Add(row);
            if (row < 0) missing.Add(Label(e.Entrez, e.Symbol));
        }
        return new SignatureMapping(kept.ToArray(), rows.ToArray(), missing, kept.Count + withoutId, rows.Count(r => r >= 0));
    }

    private static string Label(string? entrez, string? symbol) =>
        (symbol, entrez) switch
        {
            (not null, not null) => $"{symbol} ({entrez})",
            (not null, null) => symbol,
            _ => $"Entrez {entrez}",
        };

    private int Best(string id)
    {
        if (!_rows.TryGetValue(id, out var candidates)) return -1;
        if (candidates.Count == 1) return candidates[0];
        int best = -1;
        double bestScore = double.NaN;
        int n = _cohort.SampleCount;
        foreach (int r in candidates)
        {
            double score = PenalisedSd(_cohort.Expression.Row(r), n);
            if (best < 0 || (!double.IsNaN(score) && (double.IsNaN(bestScore) || score > bestScore))) { best = r; bestScore = score; }
        }
        return best;
    }

    private static double PenalisedSd(ReadOnlySpan<double> x, int n)
    {
        int missing = 0, count = 0;
        double sum = 0;
        foreach (double v in x) { if (double.IsNaN(v)) missing++; else { count++; sum += v; } }
        if (count < 2) return double.NaN;
        double mean = sum / count, ss = 0;
        foreach (double v in x) if (!double.IsNaN(v)) ss += (v - mean) * (v - mean);
        double sd = Math.Sqrt(ss / (count - 1)) * (Math.Log((n + 1.0) / (missing + 1.0)) + 1);
        // genefu stores the sds in a character matrix (cbind) and orders as.numeric() of that text: 15 significant digits
        return double.Parse(sd.ToString("G15", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool AllMissing(ReadOnlySpan<double> x)
    {
        foreach (double v in x) if (!double.IsNaN(v)) return false;
        return true;
    }
}
