namespace Radiogenomics.Synthetic;

/// <summary>A 3-D voxel array on an <see cref="VolumeGeometry"/>. Layout: column fastest, then row, then slice, so each slice is one contiguous DICOM frame.</summary>
public sealed class Volume<T> where T : unmanaged
{
    public Volume(VolumeGeometry geometry, T[] voxels)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(voxels);
        if (voxels.Length != geometry.VoxelCount)
            throw new ArgumentException($"Expected {geometry.VoxelCount} voxels for {geometry.Columns}×{geometry.Rows}×{geometry.Slices}, got {voxels.Length}.", nameof(voxels));
        Geometry = geometry;
        Voxels = voxels;
    }

    public VolumeGeometry Geometry { get; }

    /// <summary>The voxels, index = column + Columns·(row + Rows·slice).</summary>
    public T[] Voxels { get; }

    public T this[int column, int row, int slice]
    {
        get => Voxels[Geometry.Index(column, row, slice)];
        set => Voxels[Geometry.Index(column, row, slice)] = value;
    }

    /// <summary>One slice (Rows × Columns, row-major) as a span over the volume.</summary>
    public Span<T> Slice(int slice) => Voxels.AsSpan(slice * Geometry.SliceSize, Geometry.SliceSize);
}
