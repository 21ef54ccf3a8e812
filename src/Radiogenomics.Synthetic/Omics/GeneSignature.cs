namespace Radiogenomics.Synthetic;

/// <summary>A signed signature over a programme's genes (genefu <c>sig.score</c> style: +1 up-regulated, −1 down-regulated with the programme).</summary>
/// <param name="Name">e.g. "SIG_LUMINAL".</param>
/// <param name="Program">The programme it scores.</param>
/// <param name="Symbols">Member symbols.</param>
/// <param name="Coefficients">+1 or −1 per member.</param>
public sealed record GeneSignature(string Name, DriverProgram Program, IReadOnlyList<string> Symbols, IReadOnlyList<int> Coefficients);
