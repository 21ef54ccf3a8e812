namespace Radiogenomics.DataSources;

/// <summary>Reads the spellings GDC and the TCGA BCR Biotab files use for receptor results.</summary>
internal static class ReceptorStatusText
{
    public static ReceptorStatus? Parse(string? text) => text?.Trim().Trim('[', ']').ToLowerInvariant() switch
    {
        "positive" or "pos" => ReceptorStatus.Positive,
        "negative" or "neg" => ReceptorStatus.Negative,
        "equivocal" => ReceptorStatus.Equivocal,
        "indeterminate" => ReceptorStatus.Indeterminate,
        _ => null, // "Not Evaluated", "Not Available", "Unknown", "Not Reported", empty
    };

    /// <summary>Agreeing decisive results win; a positive and a negative together are Indeterminate.</summary>
    public static ReceptorStatus Combine(IEnumerable<ReceptorStatus> results)
    {
        var set = results.ToHashSet();
        var positive = set.Contains(ReceptorStatus.Positive);
        var negative = set.Contains(ReceptorStatus.Negative);
        if (positive && negative) return ReceptorStatus.Indeterminate;
        if (positive) return ReceptorStatus.Positive;
        if (negative) return ReceptorStatus.Negative;
        if (set.Contains(ReceptorStatus.Equivocal)) return ReceptorStatus.Equivocal;
        if (set.Contains(ReceptorStatus.Indeterminate)) return ReceptorStatus.Indeterminate;
        return ReceptorStatus.NotReported;
    }
}
