namespace Radiogenomics.Stages;

/// <summary>The synthetic cohort's size preset.</summary>
public enum SyntheticPreset
{
    Default,
    Small,
}
