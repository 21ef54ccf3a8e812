namespace Radiogenomics.Genomics;

/// <summary>A PAM50 gene with its five subtype centroid values (genefu's <c>pam50$centroids</c>).</summary>
public sealed record Pam50Centroid(string Symbol, string? EntrezId, double Basal, double Her2, double LumA, double LumB, double Normal);
