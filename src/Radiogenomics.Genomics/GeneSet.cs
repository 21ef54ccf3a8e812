namespace Radiogenomics.Genomics;

/// <summary>A named list of gene identifiers (matched to <see cref="ExpressionMatrix.Genes"/> by ordinal string equality).</summary>
/// <param name="Name">Set name (e.g. an MSigDB/KEGG pathway).</param>
/// <param name="Genes">Members; identifiers absent from the matrix are ignored, a repeated identifier counts twice as in GSVA 1.46.</param>
public sealed record GeneSet(string Name, IReadOnlyList<string> Genes);
