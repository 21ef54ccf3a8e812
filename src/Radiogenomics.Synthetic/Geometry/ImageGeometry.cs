namespace Radiogenomics.Synthetic;

/// <summary>
/// Voxel grid of a volume in DICOM patient coordinates (LPS: +X patient left, +Y posterior, +Z superior).
/// Voxel (column i, row j, slice k) has its centre at <c>Origin + i·ColumnSpacing·RowDirection + j·RowSpacing·ColumnDirection + k·SliceSpacing·SliceDirection</c>.
/// </summary>
/// <param name="Columns">Voxels along a row (DICOM Columns).</param>
/// <param name="Rows">Voxels along a column (DICOM Rows).</param>
/// <param name="Slices">Number of slices.</param>
/// <param name="ColumnSpacing">Distance between adjacent columns, mm (DICOM PixelSpacing[1]).</param>
/// <param name="RowSpacing">Distance between adjacent rows, mm (DICOM PixelSpacing[0]).</param>
/// <param name="SliceSpacing">Distance between adjacent slice centres, mm (slices are contiguous, so also SliceThickness).</param>
/// <param name="Origin">Centre of voxel (0, 0, 0) = ImagePositionPatient of slice 0.</param>
/// <param name="RowDirection">Unit direction of increasing column index (ImageOrientationPatient[0..2]).</param>
/// <param name="ColumnDirection">Unit direction of increasing row index (ImageOrientationPatient[3..5]).</param>
public sealed record ImageGeometry(
    int Columns, int Rows, int Slices,
    double ColumnSpacing, double RowSpacing, double SliceSpacing,
    Vector3D Origin, Vector3D RowDirection, Vector3D ColumnDirection)
{
    /// <summary>Unit direction of increasing slice index: RowDirection × ColumnDirection, so the grid is right-handed.</summary>
    public Vector3D SliceDirection => RowDirection.Cross(ColumnDirection);

    /// <summary>Number of voxels.</summary>
    public int VoxelCount => Columns * Rows * Slices;

    /// <summary>Voxels per slice.</summary>
    public int SliceVoxelCount => Columns * Rows;

    /// <summary>Volume of one voxel, mm³.</summary>
    public double VoxelVolumeMm3 => ColumnSpacing * RowSpacing * SliceSpacing;

    /// <summary>Linear index of (column, row, slice) in <see cref="Volume{T}.Voxels"/>: column fastest, then row, then slice.</summary>
    public int Index(int column, int row, int slice) => column + Columns * (row + Rows * slice);

    /// <summary>LPS position (mm) of a (possibly fractional) voxel index.</summary>
    public Vector3D IndexToLps(double column, double row, double slice) =>
        Origin + (column * ColumnSpacing) * RowDirection + (row * RowSpacing) * ColumnDirection + (slice * SliceSpacing) * SliceDirection;

    /// <summary>DICOM ImagePositionPatient (0020,0032) of slice <paramref name="slice"/>: the centre of its first transmitted voxel.</summary>
    public Vector3D ImagePositionPatient(int slice) => IndexToLps(0, 0, slice);

    /// <summary>DICOM ImageOrientationPatient (0020,0037): row cosines then column cosines.</summary>
    public double[] ImageOrientationPatient =>
        [RowDirection.X, RowDirection.Y, RowDirection.Z, ColumnDirection.X, ColumnDirection.Y, ColumnDirection.Z];

    /// <summary>DICOM PixelSpacing (0028,0030) in its order: row spacing (between rows) then column spacing.</summary>
    public double[] PixelSpacing => [RowSpacing, ColumnSpacing];

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
}
