namespace Radiogenomics.Genomics;

/// <summary>
/// The cohort a genefu signature is computed on: a genes/probes × samples matrix (log2 scale, e.g. log2(FPKM-UQ + 1)) with each
/// row's Entrez Gene ID and symbol. Oncotype DX, EndoPredict, ROR-S and GENIUS rescale every gene or score over the samples,
/// so their scores are properties of this cohort: adding or removing a sample changes every sample's score.
/// </summary>
public sealed class SignatureCohort
{
    /// <param name="expression">Rows = probes or genes, columns = samples; NaN marks a missing value.</param>
    /// <param name="entrezIds">Entrez Gene ID per row (null or a missing-value token such as "" or "NA" when unknown).</param>
    /// <param name="symbols">Gene symbol per row (optional; needed for <see cref="GeneIdentifier.Symbol"/>).</param>
    public SignatureCohort(ExpressionMatrix expression, IReadOnlyList<string?> entrezIds, IReadOnlyList<string?>? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(entrezIds);
        if (entrezIds.Count != expression.GeneCount) throw new ArgumentException("One Entrez ID per row is required.", nameof(entrezIds));
        if (symbols is not null && symbols.Count != expression.GeneCount) throw new ArgumentException("One symbol per row is required.", nameof(symbols));
        Expression = expression;
        EntrezIds = entrezIds.Select(Normalize).ToArray();
        Symbols = symbols?.Select(Normalize).ToArray() ?? new string?[expression.GeneCount];
    }

    public ExpressionMatrix Expression { get; }
    public IReadOnlyList<string?> EntrezIds { get; }
    public IReadOnlyList<string?> Symbols { get; }
    public IReadOnlyList<string> Samples => Expression.Samples;
    public int SampleCount => Expression.SampleCount;

    internal IReadOnlyList<string?> Identifiers(GeneIdentifier by) => by == GeneIdentifier.EntrezId ? EntrezIds : Symbols;

    private static string? Normalize(string? id)
    {
        return MissingValues.IsMissing(id) ? null : id!.Trim();
    }
}
