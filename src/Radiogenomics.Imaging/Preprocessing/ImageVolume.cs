namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// A 3-D scalar volume with its geometry: float voxels, column fastest, then row, then slice
/// (index = (slice × Rows + row) × Columns + column, the DICOM pixel order stacked along the slice normal).
/// Masks use the same type: a voxel belongs to the mask when its value is &gt; 0.
/// </summary>
public sealed class ImageVolume
{
    public ImageVolume(VolumeGeometry geometry, float[] voxels, string source = "")
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(voxels);
        if (geometry.Columns <= 0 || geometry.Rows <= 0 || geometry.Slices <= 0)
        {
            throw new ArgumentException($"{Describe(source)}: the grid {geometry} must have at least one voxel along each axis.");
        }
        if (!(geometry.ColumnSpacing > 0 && geometry.RowSpacing > 0 && geometry.SliceSpacing > 0))
        {
            throw new ArgumentException($"{Describe(source)}: spacings must be positive ({geometry}).");
        }
        if (voxels.Length != geometry.VoxelCount)
        {
            throw new ArgumentException(
                $"{Describe(source)}: {voxels.Length} voxels for a {geometry.Columns}×{geometry.Rows}×{geometry.Slices} grid ({geometry.VoxelCount} needed).");
        }
        Geometry = geometry;
        Voxels = voxels;
        Source = source;
    }

    public VolumeGeometry Geometry { get; }

    public float[] Voxels { get; }

    /// <summary>Where the volume came from (series UID / description / file), for error messages.</summary>
    public string Source { get; }

    public int Columns => Geometry.Columns;

    public int Rows => Geometry.Rows;

    public int Slices => Geometry.Slices;

    public float this[int column, int row, int slice]
    {
        get => Voxels[Geometry.Index(column, row, slice)];
        set => Voxels[Geometry.Index(column, row, slice)] = value;
    }

    public ReadOnlySpan<float> Slice(int slice) => Voxels.AsSpan(slice * Geometry.SliceSize, Geometry.SliceSize);

    /// <summary>A volume of zeros on the same grid (e.g. an empty mask).</summary>
    public static ImageVolume Zeros(VolumeGeometry geometry, string source = "") => new(geometry, new float[geometry.VoxelCount], source);

    public ImageVolume WithVoxels(float[] voxels, string? source = null) => new(Geometry, voxels, source ?? Source);

    internal static string Describe(string source) => source.Length > 0 ? source : "volume";

    public override string ToString() => $"{Describe(Source)}: {Geometry}";
}
