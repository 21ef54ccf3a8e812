namespace Radiogenomics.Engine.Workflow;

/// <summary>"Did you mean" hints by edit distance, so a typo in YAML costs one glance to fix.</summary>
public static class Suggestions
{
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            string a = name.ToLowerInvariant(), b = candidate.ToLowerInvariant();
            // "image" for "image_id": a prefix is as good a hint as a one-letter typo.
            int d = a.Length >= 3 && b.Length >= 3 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)) ? 1 : Distance(a, b);
            if (d < bestDistance) { bestDistance = d; best = candidate; }
        }
        // Beyond about a third of the word, a suggestion is more confusing than helpful.
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    public static string DidYouMean(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } s ? $" (did you mean '{s}'?)" : "";

    /// <summary>Optimal string alignment distance: Levenshtein plus adjacent transposition.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        for (int j = 1; j <= b.Length; j++)
        {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
