namespace Radiogenomics.Synthetic;

/// <summary>A point or direction in patient space, in millimetres (DICOM LPS unless stated otherwise).</summary>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vector3D operator *(double s, Vector3D a) => new(s * a.X, s * a.Y, s * a.Z);
    public static Vector3D operator -(Vector3D a) => new(-a.X, -a.Y, -a.Z);

    public double Dot(Vector3D b) => X * b.X + Y * b.Y + Z * b.Z;
    public Vector3D Cross(Vector3D b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);
    public double Length => Math.Sqrt(Dot(this));
    public Vector3D Normalized() => (1 / Length) * this;

    public override string ToString() => FormattableString.Invariant($"({X:0.###}, {Y:0.###}, {Z:0.###})");
}
