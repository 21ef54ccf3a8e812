namespace Radiogenomics.Plotting;

/// <summary>How <see cref="PngEncoder"/> chooses the PNG filter of each scanline.</summary>
public enum PngFilterMode
{
    /// <summary>Filter type 0 on every row: fastest.</summary>
    None,

    /// <summary>Per row, the filter (0–4) with the smallest sum of absolute filtered bytes (the libpng heuristic): smaller files.</summary>
    Adaptive,
}
