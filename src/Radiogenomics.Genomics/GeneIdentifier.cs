namespace Radiogenomics.Genomics;

/// <summary>How signature genes are matched to the rows of a <see cref="SignatureCohort"/>.</summary>
public enum GeneIdentifier
{
    /// <summary>By NCBI Entrez Gene ID, as genefu does (<c>do.mapping = TRUE</c>).</summary>
    EntrezId,

    /// <summary>
    /// By gene symbol (case-insensitive). The tables carry the symbols of their time (e.g. CTSL2, now CTSV), and the PIK3CA-GS
    /// and SCMOD1 tables carry none, so PIK3CA-GS and GENIUS cannot be computed this way.
    /// </summary>
    Symbol,
}
