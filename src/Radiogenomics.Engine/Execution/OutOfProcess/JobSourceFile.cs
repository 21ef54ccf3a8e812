namespace Radiogenomics.Engine.Execution.OutOfProcess;

/// <summary>A source file of a <see cref="StageJob"/>: workspace-relative path and the digest that went into the stage's key.</summary>
public sealed record JobSourceFile(string RelativePath, string Sha256, long Size);
