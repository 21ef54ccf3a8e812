using Radiogenomics.Imaging.Preprocessing;

namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// An image with its two IBSI masks, the input of every feature family: the intensity mask (voxels whose
/// intensities the features use, after re-segmentation) and the morphological mask (the shape, before
/// re-segmentation). Voxel order is <see cref="ImageVolume"/>'s: column fastest, then row, then slice; a 2-D
/// slice is a (column, row) plane. Only spacings matter to the features (distances in mm), not orientation.
/// </summary>
public sealed class RoiImage
{
    public RoiImage(int columns, int rows, int slices, double columnSpacing, double rowSpacing, double sliceSpacing,
        double[] intensities, bool[] intensityMask, bool[]? morphologicalMask = null)
    {
        int count = columns * rows * slices;
        if (columns <= 0 || rows <= 0 || slices <= 0) throw new ArgumentException($"the grid {columns}×{rows}×{slices} must have at least one voxel per axis");
        if (intensities.Length != count || intensityMask.Length != count || (morphologicalMask is not null && morphologicalMask.Length != count))
            throw new ArgumentException($"image and masks must hold {count} voxels ({columns}×{rows}×{slices})");
        Columns = columns; Rows = rows; Slices = slices;
        ColumnSpacing = columnSpacing; RowSpacing = rowSpacing; SliceSpacing = sliceSpacing;
        Intensities = intensities;
        IntensityMask = intensityMask;
        MorphologicalMask = morphologicalMask ?? (bool[])intensityMask.Clone();
    }

    /// <summary>The image and the voxels of <paramref name="mask"/> equal to <paramref name="label"/> (any value &gt; 0 when null).</summary>
    public static RoiImage FromVolumes(ImageVolume image, ImageVolume mask, int? label = null)
    {
        var g = image.Geometry;
        var intensities = new double[image.Voxels.Length];
        var roi = new bool[intensities.Length];
        for (int v = 0; v < intensities.Length; v++)
        {
            intensities[v] = image.Voxels[v];
            roi[v] = label is int l ? Math.Round(mask.Voxels[v]) == l : mask.Voxels[v] > 0;
        }
        return new RoiImage(g.Columns, g.Rows, g.Slices, g.ColumnSpacing, g.RowSpacing, g.SliceSpacing, intensities, roi);
    }

    public int Columns { get; }

    public int Rows { get; }

    public int Slices { get; }

    public double ColumnSpacing { get; }

    public double RowSpacing { get; }

    public double SliceSpacing { get; }

    public double[] Intensities { get; }

    public bool[] IntensityMask { get; }

    public bool[] MorphologicalMask { get; }

    public int VoxelCount => Columns * Rows * Slices;

    public double VoxelVolume => ColumnSpacing * RowSpacing * SliceSpacing;

    public int Index(int column, int row, int slice) => (slice * Rows + row) * Columns + column;

    /// <summary>Intensities of the intensity-mask voxels, in voxel order.</summary>
    public double[] RoiIntensities()
    {
        var values = new List<double>();
        for (int v = 0; v < Intensities.Length; v++) if (IntensityMask[v]) values.Add(Intensities[v]);
        return values.ToArray();
    }

    /// <summary>A copy with another intensity mask (re-segmentation keeps the morphological mask).</summary>
    public RoiImage WithIntensityMask(bool[] intensityMask) =>
        new(Columns, Rows, Slices, ColumnSpacing, RowSpacing, SliceSpacing, Intensities, intensityMask, MorphologicalMask);
}
