using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI chapter 1's CT phantom configurations A–E (reference manual, "Reference data sets") as settings.
/// A and B are 2-D (texture aggregated per slice: 2D and 2.5D), C–E 3-D; B–E resample (B in-plane to 2 × 2 mm,
/// C–E to 2 mm isotropic) with rounding to whole HU and a linear mask at partial-volume threshold 0.5.
/// Not yet checked against the CT reference values (we have not got the CT phantom); the IVH grid of each is
/// our reading of the manual: HU on a 1 HU grid (A, B), 2.5 HU (C), the discretised levels (D, E).
/// </summary>
public static class IbsiCtConfigurations
{
    private static readonly HashSet<string> TwoD = ["2D averaged", "2D slice-merged", "2.5D direction-merged", "2.5D merged", "2D", "2.5D"];
    private static readonly HashSet<string> ThreeD = ["3D averaged", "3D merged", "3D"];

    public static RadiomicsSettings A { get; } = new()
    {
        ResegmentationRange = (-500, 400),
        Discretisation = DiscretisationMethod.FixedBinSize, BinWidth = 25,
        Ivh = IvhIntensities.Intensities, IvhStep = 1,
        TextureAggregations = TwoD,
    };

    public static RadiomicsSettings B { get; } = new()
    {
        Spacing = (2, 2, null), ImageInterpolation = VolumeInterpolation.Linear, RoundIntensities = true,
        ResegmentationRange = (-500, 400),
        Discretisation = DiscretisationMethod.FixedBinNumber, BinCount = 32,
        Ivh = IvhIntensities.Intensities, IvhStep = 1,
        TextureAggregations = TwoD,
    };

    public static RadiomicsSettings C { get; } = new()
    {
        Spacing = (2, 2, 2), ImageInterpolation = VolumeInterpolation.Linear, RoundIntensities = true,
        ResegmentationRange = (-1000, 400),
        Discretisation = DiscretisationMethod.FixedBinSize, BinWidth = 25,
        Ivh = IvhIntensities.Intensities, IvhStep = 2.5,
        TextureAggregations = ThreeD,
    };

    public static RadiomicsSettings D { get; } = new()
    {
        Spacing = (2, 2, 2), ImageInterpolation = VolumeInterpolation.Linear, RoundIntensities = true,
        OutlierSigma = 3,
        Discretisation = DiscretisationMethod.FixedBinNumber, BinCount = 32,
        TextureAggregations = ThreeD,
    };

    public static RadiomicsSettings E { get; } = new()
    {
        Spacing = (2, 2, 2), ImageInterpolation = VolumeInterpolation.BSpline, RoundIntensities = true,
        ResegmentationRange = (-1000, 400), OutlierSigma = 3,
        Discretisation = DiscretisationMethod.FixedBinNumber, BinCount = 32,
        TextureAggregations = ThreeD,
    };

    public static RadiomicsSettings ByName(string name) => name.ToUpperInvariant() switch
    {
        "A" => A, "B" => B, "C" => C, "D" => D, "E" => E,
        _ => throw new ArgumentException($"IBSI CT configuration '{name}' does not exist; use A, B, C, D or E"),
    };
}
