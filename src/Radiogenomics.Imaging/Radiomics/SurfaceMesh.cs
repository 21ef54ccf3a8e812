namespace Radiogenomics.Imaging.Radiomics;

/// <summary>A closed triangle mesh in mm (vertices shared by index), with its enclosed volume and surface area.</summary>
public sealed class SurfaceMesh
{
    public SurfaceMesh(IReadOnlyList<Vector3D> vertices, IReadOnlyList<(int A, int B, int C)> triangles)
    {
        Vertices = vertices;
        Triangles = triangles;
        double signedVolume = 0, area = 0;
        foreach (var (a, b, c) in triangles)
        {
            var p = vertices[a]; var q = vertices[b]; var r = vertices[c];
            signedVolume += Vector3D.Dot(p, Vector3D.Cross(q, r));
            area += Vector3D.Cross(q - p, r - p).Length;
        }
        // Every component is oriented the same way, so the divergence sum is ± the enclosed volume.
        Volume = Math.Abs(signedVolume) / 6;
        Area = area / 2;
    }

    public IReadOnlyList<Vector3D> Vertices { get; }

    public IReadOnlyList<(int A, int B, int C)> Triangles { get; }

    /// <summary>Enclosed volume, mm³.</summary>
    public double Volume { get; }

    /// <summary>Surface area, mm².</summary>
    public double Area { get; }
}
