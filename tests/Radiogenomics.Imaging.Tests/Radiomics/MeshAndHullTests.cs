using Radiogenomics.Imaging.Radiomics;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Radiomics;

public class MeshAndHullTests
{
    /// <summary>One 2 mm voxel: the iso-surface through the six face midpoints is an octahedron with half-diagonals of 1 mm.</summary>
    [Fact]
    public void SingleVoxel_IsAnOctahedron()
    {
        var mesh = MarchingCubes.Build([true], 1, 1, 1, 2, 2, 2);
        Assert.Equal(6, mesh.Vertices.Count);
        Assert.Equal(8, mesh.Triangles.Count);
        Assert.Equal(4.0 / 3, mesh.Volume, 12); // 4/3 · 1³ for half-diagonals of 1 mm
        Assert.Equal(4 * Math.Sqrt(3), mesh.Area, 12); // 8 equilateral triangles of side √2 mm
    }

    [Fact]
    public void Ball_MeshVolumeApproachesTheSphere()
    {
        const int n = 41;
        const double radius = 15;
        var mask = new bool[n * n * n];
        int inside = 0;
        for (int z = 0; z < n; z++)
        for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++)
        {
            double dx = x - 20, dy = y - 20, dz = z - 20;
            mask[(z * n + y) * n + x] = dx * dx + dy * dy + dz * dz <= radius * radius;
            if (mask[(z * n + y) * n + x]) inside++;
        }
        var mesh = MarchingCubes.Build(mask, n, n, n, 1, 1, 1);
        double sphere = 4.0 / 3 * Math.PI * radius * radius * radius;
        Assert.InRange(mesh.Volume / sphere, 0.97, 1.01);
        Assert.InRange(mesh.Volume / inside, 0.97, 1.01);
        Assert.InRange(mesh.Area / (4 * Math.PI * radius * radius), 0.98, 1.10);
    }

    [Fact]
    public void ConvexHull_OfACubeWithPointsOnItsFaces_IsTheCube()
    {
        var points = new List<Vector3D>();
        for (int x = 0; x <= 2; x++) for (int y = 0; y <= 2; y++) for (int z = 0; z <= 2; z++) points.Add(new Vector3D(x, y, z));
        var hull = ConvexHull.Of(points);
        Assert.Equal(8, hull.Volume, 10);
        Assert.Equal(24, hull.Area, 10);
        // Every corner is a hull vertex; points inside the faces may be too (they change neither volume nor area).
        foreach (var corner in points.Where(p => p.X != 1 && p.Y != 1 && p.Z != 1)) Assert.Contains(corner, hull.Vertices);
        Assert.DoesNotContain(new Vector3D(1, 1, 1), hull.Vertices);
    }

    [Fact]
    public void ConvexHull_OfPlanarPoints_Throws()
    {
        Assert.Throws<ArgumentException>(() => ConvexHull.Of([new(0, 0, 0), new(1, 0, 0), new(0, 1, 0), new(1, 1, 0)]));
    }
}
