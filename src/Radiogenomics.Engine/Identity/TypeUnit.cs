namespace Radiogenomics.Engine.Identity;

/// <summary>A type unit's digest with the project types (assembly, full name) and package assemblies it refers to.</summary>
internal sealed record TypeUnit(string Digest, IReadOnlyList<(string Assembly, string Type)> Types, IReadOnlyList<string> Packages);
