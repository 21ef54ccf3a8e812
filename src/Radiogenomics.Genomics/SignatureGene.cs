namespace Radiogenomics.Genomics;

/// <summary>A gene of a signed gene list (PIK3CA-GS, GENIUS models, SCMOD1 modules): only the sign of the coefficient is used.</summary>
public sealed record SignatureGene(string Probe, string? EntrezId, string? Symbol, double Coefficient);
