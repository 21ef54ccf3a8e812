namespace Radiogenomics.Engine.Stages;

/// <summary>A progress report from a running stage: fraction done (0..1) when known, and a short status.</summary>
public readonly record struct StageProgress(double? Fraction, string? Message = null);
