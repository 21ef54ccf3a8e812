namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// The grey levels 1 … <see cref="GreyLevels"/> of the intensity-mask voxels (0 outside it) on the ROI's grid,
/// with the morphological mask (GLDZM distances use it). The input of the histogram and texture families.
/// </summary>
public sealed class DiscretisedImage
{
    public DiscretisedImage(RoiImage roi, int[] levels, int greyLevels)
    {
        if (levels.Length != roi.VoxelCount) throw new ArgumentException($"{levels.Length} levels for {roi.VoxelCount} voxels");
        Roi = roi;
        Levels = levels;
        GreyLevels = greyLevels;
    }

    public RoiImage Roi { get; }

    /// <summary>Grey level per voxel: 1 … Ng inside the intensity mask, 0 outside.</summary>
    public int[] Levels { get; }

    /// <summary>Ng: the number of grey levels (fixed bin number: the bin count; fixed bin size: the highest level in the ROI).</summary>
    public int GreyLevels { get; }

    public int Columns => Roi.Columns;

    public int Rows => Roi.Rows;

    public int Slices => Roi.Slices;

    public int RoiLevelCount => Levels.Count(l => l > 0);

    public int[] RoiLevels() => Levels.Where(l => l > 0).ToArray();
}
