namespace Radiogenomics.Genomics;

/// <summary>What happened to one input gene set in a gene-set scoring run.</summary>
/// <param name="Name">The set's name.</param>
/// <param name="InputSize">Number of identifiers given.</param>
/// <param name="MappedSize">Number of identifiers found among the genes the method used (GSVA's set size; repeats count).</param>
/// <param name="Scored">True when the set has scores; false means its row is NaN and <paramref name="Reason"/> says why.</param>
/// <param name="Reason">Why the set was not scored (GSVA drops such sets from its output instead), or null.</param>
public sealed record GeneSetOutcome(string Name, int InputSize, int MappedSize, bool Scored, string? Reason);
