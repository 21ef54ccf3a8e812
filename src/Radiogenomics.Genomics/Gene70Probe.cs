namespace Radiogenomics.Genomics;

/// <summary>A row of genefu's <c>sig.gene70</c> (MammaPrint): probe, gene (14 probes have no Entrez ID) and the average good-prognosis profile.</summary>
public sealed record Gene70Probe(string Probe, string? EntrezId, string? Symbol, double Correlation, double GoodPrognosisProfile);
