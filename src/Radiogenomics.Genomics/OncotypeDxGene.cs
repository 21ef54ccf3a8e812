namespace Radiogenomics.Genomics;

/// <summary>A row of genefu's <c>sig.oncotypedx</c>: 16 cancer genes and 5 reference genes (group "reference", ignored by the score).</summary>
public sealed record OncotypeDxGene(string Symbol, string? EntrezId, string Group, double Weight);
