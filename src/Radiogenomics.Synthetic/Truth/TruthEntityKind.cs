namespace Radiogenomics.Synthetic;

/// <summary>What a truth-table row is about.</summary>
public enum TruthEntityKind
{
    Gene,
    /// <summary>A GMT gene set (scored as the mean log expression of its members).</summary>
    Pathway,
    /// <summary>A signed programme signature (genefu sig.score style).</summary>
    Signature,
    /// <summary>A latent programme activity itself (not observable; the upper bound of what any gene-level score can reach).</summary>
    Program,
    /// <summary>A tumour imaging property as a driver of a clinical variable (size → T, N).</summary>
    TumourProperty,
    /// <summary>A clinical label column itself, when the truth has something to say about it (the null label: it carries nothing).</summary>
    ClinicalLabel,
}
