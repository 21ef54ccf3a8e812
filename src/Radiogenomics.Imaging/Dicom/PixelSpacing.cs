namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Pixel Spacing (0028,0030) in DICOM order: <see cref="Row"/> is the distance between adjacent rows (the
/// vertical step), <see cref="Column"/> the distance between adjacent columns (the horizontal step), in mm.
/// </summary>
public readonly record struct PixelSpacing(double Row, double Column)
{
    public override string ToString() => FormattableString.Invariant($"{Row}\\{Column}");
}
