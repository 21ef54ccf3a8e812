namespace Radiogenomics.Synthetic;

/// <summary>
/// One row of the expression tables. Ids are Ensembl-style but synthetic (ENSG00000900000 and up, outside Ensembl's range);
/// driver and housekeeping genes carry real HGNC symbols so signature code can find them, null genes SYN/SYNL/SYNP names.
/// After the seed's genes come the genes of the six genefu signatures that the seed's catalogue lacks (null genes with the
/// tables' symbols, or LOC + Entrez ID where a table gives none), so every signature computes on the cohort.
/// The model parameters (baseline, dispersion, programme, loading) are planted truth: an analysis must not read them.
/// </summary>
/// <param name="Index">Row in the catalogue and in <see cref="CountMatrix"/>.</param>
/// <param name="Id">Versioned id, e.g. "ENSG00000900123.7"; <c>_PAR_Y</c> rows end in "_PAR_Y".</param>
/// <param name="Symbol">Gene symbol (shared by a <c>_PAR_Y</c> row and its X copy).</param>
/// <param name="Type">GENCODE gene_type: protein_coding, lncRNA or processed_pseudogene.</param>
/// <param name="Length">Exon-union length in bases (for TPM/FPKM).</param>
/// <param name="BaselineCpm">Expected counts per million at zero programme activity; sums to 10⁶ over the catalogue.</param>
/// <param name="Dispersion">Negative-binomial dispersion φ (variance μ + φμ²).</param>
/// <param name="IsParY">Pseudo-autosomal Y copy: all counts zero, as in GDC files.</param>
/// <param name="Program">Driver programme the gene belongs to, or null.</param>
/// <param name="SingleDriverTarget">For the four single-gene drivers, the property their own expression drives.</param>
/// <param name="Loading">Natural-log expression change per SD of the driver (negative for down-regulated members; 0 for null genes).</param>
public sealed record Gene(
    int Index, string Id, string Symbol, string Type, int Length, double BaselineCpm, double Dispersion, bool IsParY,
    DriverProgram? Program, TumourProperty? SingleDriverTarget, double Loading)
{
    /// <summary>True for programme members and single-gene drivers.</summary>
    public bool IsDriver => Program is not null || SingleDriverTarget is not null;

    /// <summary>NCBI Entrez Gene ID for genes that a genefu signature table names (real-symbol genes and the added
    /// signature genes), otherwise null.</summary>
    public string? EntrezId { get; init; }

    /// <summary>One of the genes added for the genefu signatures after the seed's catalogue (drawn from their own streams).</summary>
    public bool IsSignatureSupplement { get; init; }

    /// <summary>Index into the latent vector (programme, then single-gene driver), or −1.</summary>
    internal int LatentIndex { get; init; } = -1;
}
