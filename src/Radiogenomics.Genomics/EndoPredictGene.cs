namespace Radiogenomics.Genomics;

/// <summary>A row of genefu's <c>sig.endoPredict</c>: 8 genes of interest (group "GOI") with weight and the affine a, b, plus 3 reference genes.</summary>
public sealed record EndoPredictGene(string Symbol, string? EntrezId, string Group, double Weight, double A, double B);
