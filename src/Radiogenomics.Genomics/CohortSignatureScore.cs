namespace Radiogenomics.Genomics;

/// <summary>
/// One genefu signature computed on a <see cref="SignatureCohort"/>: a score per sample plus what the mapping found.
/// When <see cref="DependsOnCohort"/> is true the scores are only comparable within this cohort.
/// </summary>
public sealed record CohortSignatureScore
{
    /// <summary>Signature name: oncotypedx, endopredict, rors, gene70, genius, pik3cags (or the name given to a signed score).</summary>
    public required string Signature { get; init; }

    public required IReadOnlyList<string> Samples { get; init; }

    /// <summary>Score per sample; NaN where it is undefined (see <see cref="Reason"/>).</summary>
    public required IReadOnlyList<double> Scores { get; init; }

    /// <summary>True when genes or scores are rescaled over the samples (Oncotype DX, EndoPredict, ROR-S, GENIUS).</summary>
    public required bool DependsOnCohort { get; init; }

    /// <summary>Signature genes found in the cohort (distinct identifiers).</summary>
    public required int GenesMapped { get; init; }

    /// <summary>Signature genes considered: distinct identifiers plus table rows without an identifier.</summary>
    public required int GenesTotal { get; init; }

    /// <summary>Signature genes not found, as "SYMBOL (Entrez ID)" or "probe X (no Entrez ID)".</summary>
    public required IReadOnlyList<string> MissingGenes { get; init; }

    /// <summary>Why scores are NaN (all or some samples), or null when every sample has a score.</summary>
    public string? Reason { get; init; }

    /// <summary>Intermediate values per sample (e.g. the unscaled RSU, PAM50 correlations, GENIUS subtype probabilities).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Components { get; init; } = new Dictionary<string, IReadOnlyList<double>>();
}
