namespace Radiogenomics.Engine.Stages;

/// <summary>A named group of files a source stage reads from the workspace (e.g. "expression").</summary>
public sealed record InputSlotSpec(string Name, string Description, bool Required = true);
