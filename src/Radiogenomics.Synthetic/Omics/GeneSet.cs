namespace Radiogenomics.Synthetic;

/// <summary>A pathway as written to the GMT file (members by symbol), with its role in the planted truth.</summary>
/// <param name="Name">GMT set name; names do not reveal the role (except the driver sets' biological names).</param>
/// <param name="Description">GMT second column.</param>
/// <param name="Symbols">Member gene symbols.</param>
/// <param name="Role">Driver, partial or null.</param>
/// <param name="Program">The programme whose genes it contains (driver and partial sets).</param>
/// <param name="DriverFraction">Fraction of members that belong to <paramref name="Program"/>.</param>
public sealed record GeneSet(string Name, string Description, IReadOnlyList<string> Symbols, GeneSetRole Role, DriverProgram? Program, double DriverFraction);
