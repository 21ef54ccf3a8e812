namespace Radiogenomics.Data;

/// <summary>
/// The voxel grid of a volume in DICOM patient space (LPS, mm: +X patient left, +Y posterior, +Z superior), as
/// ITK/SimpleITK keeps it. Voxel (i, j, k) = (column, row, slice) has its centre at <see cref="Origin"/> +
/// i·ColumnSpacing·RowDirection + j·RowSpacing·ColumnDirection + k·SliceSpacing·SliceDirection. Directions follow
/// DICOM naming: <see cref="RowDirection"/> runs along a row (increasing column index, ImageOrientationPatient[0..2]),
/// <see cref="ColumnDirection"/> down a column. The one geometry type of the DICOM reader and writer, the NIfTI
/// reader and writer, the resampler and the synthetic cohort.
/// </summary>
public sealed record VolumeGeometry
{
    private readonly Vector3D? _sliceDirection;

    public required int Columns { get; init; }

    public required int Rows { get; init; }

    public required int Slices { get; init; }

    /// <summary>Centre of voxel (0, 0, 0): the Image Position (Patient) of the first slice along the normal.</summary>
    public Vector3D Origin { get; init; }

    public Vector3D RowDirection { get; init; } = new(1, 0, 0);

    public Vector3D ColumnDirection { get; init; } = new(0, 1, 0);

    /// <summary>Direction of increasing slice index; RowDirection × ColumnDirection (a right-handed grid) unless set.</summary>
    public Vector3D SliceDirection
    {
        get => _sliceDirection ?? RowDirection.Cross(ColumnDirection);
        init => _sliceDirection = value;
    }

    /// <summary>Distance between adjacent columns (the step along <see cref="RowDirection"/>, DICOM PixelSpacing[1]), mm.</summary>
    public required double ColumnSpacing { get; init; }

    /// <summary>Distance between adjacent rows (the step along <see cref="ColumnDirection"/>, DICOM PixelSpacing[0]), mm.</summary>
    public required double RowSpacing { get; init; }

    /// <summary>Distance between adjacent slice centres, mm.</summary>
    public required double SliceSpacing { get; init; }

    public int VoxelCount => Columns * Rows * Slices;

    public int SliceSize => Columns * Rows;

    /// <summary>Volume of one voxel, mm³.</summary>
    public double VoxelVolume => ColumnSpacing * RowSpacing * SliceSpacing;

    /// <summary>Linear index of (column, row, slice): column fastest, then row, then slice (each slice one DICOM frame).</summary>
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

    /// <summary>DICOM Image Position (Patient) (0020,0032) of a slice: the centre of its first transmitted voxel.</summary>
    public Vector3D ImagePositionPatient(int slice) => IndexToPoint(0, 0, slice);

    /// <summary>4×4 voxel-index → LPS affine (row-major).</summary>
    public double[,] LpsAffine()
    {
        var r = RowDirection; var c = ColumnDirection; var s = SliceDirection;
        return new double[,]
        {
            { r.X * ColumnSpacing, c.X * RowSpacing, s.X * SliceSpacing, Origin.X },
            { r.Y * ColumnSpacing, c.Y * RowSpacing, s.Y * SliceSpacing, Origin.Y },
            { r.Z * ColumnSpacing, c.Z * RowSpacing, s.Z * SliceSpacing, Origin.Z },
            { 0, 0, 0, 1 },
        };
    }

    /// <summary>4×4 voxel-index → RAS affine as NIfTI stores it: the LPS affine with its first two rows negated (as ITK/dcm2niix do).</summary>
    public double[,] RasAffine()
    {
        var m = LpsAffine();
        for (int col = 0; col < 4; col++) { m[0, col] = -m[0, col]; m[1, col] = -m[1, col]; }
        return m;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistency.</summary>
    /// <param name="requireSliceSpacing">False where slice positions are given otherwise (a DICOM writer's explicit positions).</param>
    public void Validate(bool requireSliceSpacing = true)
    {
        static void Fail(string message) => throw new ArgumentException($"Invalid volume geometry: {message}");
        if (Rows is <= 0 or > ushort.MaxValue || Columns is <= 0 or > ushort.MaxValue) Fail($"Rows ({Rows}) and Columns ({Columns}) must be 1 to 65535.");
        if (Slices <= 0) Fail($"Slices ({Slices}) must be positive.");
        if (!(RowSpacing > 0) || !(ColumnSpacing > 0)) Fail($"pixel spacing {RowSpacing}\\{ColumnSpacing} must be positive.");
        if (requireSliceSpacing && Slices > 1 && !(SliceSpacing > 0)) Fail($"SliceSpacing ({SliceSpacing}) must be positive for {Slices} slices.");
        if (Math.Abs(RowDirection.Length - 1) > 1e-4 || Math.Abs(ColumnDirection.Length - 1) > 1e-4 || Math.Abs(Vector3D.Dot(RowDirection, ColumnDirection)) > 1e-4)
            Fail($"the direction cosines {RowDirection} and {ColumnDirection} must be two orthogonal unit vectors (normalise them first).");
    }

    // Equal when the grids are: an explicit slice direction equal to the default one is the same grid.
    public bool Equals(VolumeGeometry? other) =>
        other is not null && Columns == other.Columns && Rows == other.Rows && Slices == other.Slices && Origin == other.Origin
        && RowDirection == other.RowDirection && ColumnDirection == other.ColumnDirection && SliceDirection == other.SliceDirection
        && ColumnSpacing.Equals(other.ColumnSpacing) && RowSpacing.Equals(other.RowSpacing) && SliceSpacing.Equals(other.SliceSpacing);

    public override int GetHashCode() => HashCode.Combine(Columns, Rows, Slices, Origin, RowDirection, ColumnDirection, SliceDirection,
        HashCode.Combine(ColumnSpacing, RowSpacing, SliceSpacing));

    public override string ToString() => FormattableString.Invariant(
        $"{Columns}×{Rows}×{Slices} voxels of {ColumnSpacing:0.####}×{RowSpacing:0.####}×{SliceSpacing:0.####} mm at {Origin}");
}
