namespace Radiogenomics.Engine.Stages;

/// <summary>
/// A named output of a stage. Outputs are Parquet tables by convention; figures (PNG) and other
/// files are allowed and are content-addressed the same way.
/// </summary>
public sealed record OutputSpec(string Name, string Description, string Extension = ".parquet");
