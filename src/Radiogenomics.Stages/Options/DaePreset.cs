using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>Which architecture extract.dae builds.</summary>
public enum DaePreset
{
    /// <summary>Liu &amp; Hu 2023: two conv/pool blocks, features after the second pool.</summary>
    Published,

    /// <summary>The authors' released code: three blocks, features after the second pool.</summary>
    [Choice("seed-code")] SeedCode,
}
