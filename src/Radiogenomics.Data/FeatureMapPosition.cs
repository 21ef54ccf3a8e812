namespace Radiogenomics.Data;

/// <summary>Where a deep feature sits in the network's output map: kernel (or channel), row and column, 0-based.</summary>
public readonly record struct FeatureMapPosition(int Kernel, int Row, int Column);
