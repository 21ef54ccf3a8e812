namespace Radiogenomics.Imaging.Radiomics;

/// <summary>What the intensity–volume histogram runs over (IBSI 3.5).</summary>
public enum IvhIntensities
{
    /// <summary>The discretised grey levels 1 … Ng, step 1 (the digital phantom's setting).</summary>
    Discretised,

    /// <summary>The intensities themselves on a grid of <see cref="RadiomicsSettings.IvhStep"/> from the re-segmentation lower bound (else the ROI minimum) to the upper bound (else the ROI maximum).</summary>
    Intensities,
}
