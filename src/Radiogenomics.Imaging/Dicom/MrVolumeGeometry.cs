namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Where the slices of a volume lie in patient space (LPS, mm). Slice k sits at
/// <see cref="Origin"/> + k × <see cref="SliceSpacing"/> × normal, unless <see cref="SlicePositions"/> lists
/// the positions explicitly (uneven or gantry-tilted stacks).
/// </summary>
public sealed record MrVolumeGeometry
{
    public required int Rows { get; init; }

    public required int Columns { get; init; }

    public required int Slices { get; init; }

    /// <summary>Image Position (Patient) of slice 0: the centre of its first voxel.</summary>
    public Vector3D Origin { get; init; }

    public ImageOrientation Orientation { get; init; } = ImageOrientation.Axial;

    public required PixelSpacing PixelSpacing { get; init; }

    /// <summary>Distance between consecutive slice centres along the normal; ignored with <see cref="SlicePositions"/>.</summary>
    public double SliceSpacing { get; init; }

    /// <summary>Slice Thickness (0018,0050); null: the slice spacing.</summary>
    public double? SliceThickness { get; init; }

    /// <summary>Explicit Image Position (Patient) per slice; overrides Origin and SliceSpacing.</summary>
    public IReadOnlyList<Vector3D>? SlicePositions { get; init; }

    public Vector3D SlicePosition(int slice)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slice);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slice, Slices);
        return SlicePositions is { } positions ? positions[slice] : Origin + (slice * SliceSpacing) * Orientation.Normal;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistency.</summary>
    public void Validate()
    {
        static void Fail(string message) => throw new ArgumentException($"Invalid MR volume geometry: {message}");
        if (Rows is <= 0 or > ushort.MaxValue || Columns is <= 0 or > ushort.MaxValue)
        {
            Fail($"Rows ({Rows}) and Columns ({Columns}) must be 1 to 65535.");
        }
        if (Slices <= 0)
        {
            Fail($"Slices ({Slices}) must be positive.");
        }
        if (!(PixelSpacing.Row > 0) || !(PixelSpacing.Column > 0))
        {
            Fail($"pixel spacing {PixelSpacing} must be positive.");
        }
        var row = Orientation.Row;
        var column = Orientation.Column;
        if (Math.Abs(row.Length - 1) > 1e-4 || Math.Abs(column.Length - 1) > 1e-4 || Math.Abs(Vector3D.Dot(row, column)) > 1e-4)
        {
            Fail($"the direction cosines {Orientation} must be two orthogonal unit vectors (normalise them first).");
        }
        if (SlicePositions is { } positions)
        {
            if (positions.Count != Slices)
            {
                Fail($"{positions.Count} slice positions for {Slices} slices.");
            }
        }
        else if (Slices > 1 && !(SliceSpacing > 0))
        {
            Fail($"SliceSpacing ({SliceSpacing}) must be positive for {Slices} slices (or give SlicePositions).");
        }
        if (SliceThickness is { } thickness && !(thickness > 0))
        {
            Fail($"SliceThickness ({thickness}) must be positive.");
        }
    }
}
