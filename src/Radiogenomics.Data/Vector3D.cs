namespace Radiogenomics.Data;

/// <summary>
/// The one point or direction type of the libraries: patient space in millimetres (DICOM LPS unless stated otherwise),
/// used by the DICOM reader, the volume geometry checks and the synthetic cohort alike.
/// </summary>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3D operator -(Vector3D a) => new(-a.X, -a.Y, -a.Z);

    public static Vector3D operator *(double s, Vector3D v) => new(s * v.X, s * v.Y, s * v.Z);

    public double Length => Math.Sqrt(Dot(this, this));

    public static double Dot(Vector3D a, Vector3D b) => a.X * b.X + a.Y * b.Y + a.Z * b.Z;

    public static Vector3D Cross(Vector3D a, Vector3D b) =>
        new(a.Y * b.Z - a.Z * b.Y, a.Z * b.X - a.X * b.Z, a.X * b.Y - a.Y * b.X);

    public double Dot(Vector3D b) => Dot(this, b);

    public Vector3D Cross(Vector3D b) => Cross(this, b);

    /// <summary>The unit vector (each component divided by the length); a zero vector stays zero.</summary>
    public Vector3D Normalized()
    {
        var length = Length;
        return length == 0 ? this : new Vector3D(X / length, Y / length, Z / length);
    }

    public override string ToString() => FormattableString.Invariant($"({X}, {Y}, {Z})");
}
