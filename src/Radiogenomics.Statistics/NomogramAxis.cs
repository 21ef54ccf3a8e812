namespace Radiogenomics.Statistics;

/// <summary>One drawn axis of a nomogram: tick labels, their numeric values (NaN for categories) and their position in points.</summary>
public sealed record NomogramAxis(string Name, IReadOnlyList<string> Labels, IReadOnlyList<double> Values, IReadOnlyList<double> Points);
