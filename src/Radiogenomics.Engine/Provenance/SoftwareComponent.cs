namespace Radiogenomics.Engine.Provenance;

/// <summary>A piece of software whose version belongs in the provenance (DuckDB, libtorch, GDCM, …).</summary>
public sealed record SoftwareComponent(string Name, string Version, string? Url = null);
