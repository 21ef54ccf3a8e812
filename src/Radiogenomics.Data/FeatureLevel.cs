namespace Radiogenomics.Data;

/// <summary>What a row of a feature table is: one image (a slice), or one patient (its images aggregated).</summary>
public enum FeatureLevel
{
    Image,
    Patient,
}
