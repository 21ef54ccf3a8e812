namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Image Orientation (Patient) (0020,0037): <see cref="Row"/> is the direction of increasing column index
/// (along a row), <see cref="Column"/> the direction of increasing row index (down a column), as in DICOM.
/// </summary>
public readonly record struct ImageOrientation(Vector3D Row, Vector3D Column)
{
    /// <summary>The slice normal, Row × Column; positions projected on it order the slices.</summary>
    public Vector3D Normal => Vector3D.Cross(Row, Column).Normalized();

    /// <summary>Axial, with rows along +X (patient left) and columns along +Y (posterior).</summary>
    public static ImageOrientation Axial { get; } = new(new Vector3D(1, 0, 0), new Vector3D(0, 1, 0));

    public override string ToString() => FormattableString.Invariant(
        $"{Row.X}\\{Row.Y}\\{Row.Z}\\{Column.X}\\{Column.Y}\\{Column.Z}");
}
