using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// The voxel grid of an <see cref="ImageVolume"/> in patient space (LPS, mm), as ITK/SimpleITK keeps it.
/// Voxel (i, j, k) = (column, row, slice) lies at <see cref="Origin"/> + i·ColumnSpacing·RowDirection +
/// j·RowSpacing·ColumnDirection + k·SliceSpacing·SliceDirection. Directions follow DICOM naming:
/// <see cref="RowDirection"/> runs along a row (increasing column index), <see cref="ColumnDirection"/> down a column.
/// </summary>
public sealed record VolumeGeometry
{
    public required int Columns { get; init; }

    public required int Rows { get; init; }

    public required int Slices { get; init; }

    /// <summary>Centre of voxel (0, 0, 0): the Image Position (Patient) of the first slice along the normal.</summary>
    public Vector3D Origin { get; init; }

    public Vector3D RowDirection { get; init; } = new(1, 0, 0);

    public Vector3D ColumnDirection { get; init; } = new(0, 1, 0);

    /// <summary>Direction of increasing slice index; the slice normal for an assembled DICOM stack.</summary>
    public Vector3D SliceDirection { get; init; } = new(0, 0, 1);

    /// <summary>Distance between adjacent columns (the step along <see cref="RowDirection"/>), mm.</summary>
    public required double ColumnSpacing { get; init; }

    /// <summary>Distance between adjacent rows (the step along <see cref="ColumnDirection"/>), mm.</summary>
    public required double RowSpacing { get; init; }

    /// <summary>Distance between adjacent slice centres, mm.</summary>
    public required double SliceSpacing { get; init; }

    public int VoxelCount => Columns * Rows * Slices;

    public int SliceSize => Columns * Rows;

    public int Index(int column, int row, int slice) => (slice * Rows + row) * Columns + column;

    public Vector3D IndexToPoint(double column, double row, double slice) =>
        Origin + (column * ColumnSpacing) * RowDirection + (row * RowSpacing) * ColumnDirection + (slice * SliceSpacing) * SliceDirection;

    /// <summary>Continuous (column, row, slice) index of a point; assumes orthonormal directions.</summary>
    public (double Column, double Row, double Slice) PointToIndex(Vector3D point)
    {
        var d = point - Origin;
        return (Vector3D.Dot(d, RowDirection) / ColumnSpacing, Vector3D.Dot(d, ColumnDirection) / RowSpacing,
            Vector3D.Dot(d, SliceDirection) / SliceSpacing);
    }

    /// <summary>Physical extent of the sampled region (voxel count × spacing) along each axis, mm.</summary>
    public (double Width, double Height, double Depth) Extent => (Columns * ColumnSpacing, Rows * RowSpacing, Slices * SliceSpacing);

    public override string ToString() => FormattableString.Invariant(
        $"{Columns}×{Rows}×{Slices} voxels of {ColumnSpacing:0.####}×{RowSpacing:0.####}×{SliceSpacing:0.####} mm at {Origin}");
}
