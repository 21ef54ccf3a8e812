namespace Radiogenomics.Genomics;

/// <summary>A gene's identity and length in bases (the exon-union length that TPM/FPKM divide by); name and type may be empty.</summary>
public sealed record GeneAnnotation(string GeneId, string GeneName, string GeneType, long Length);
