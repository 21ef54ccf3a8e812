using Radiogenomics.Imaging.Radiomics;
using Xunit;

namespace Radiogenomics.Imaging.Tests.Radiomics;

/// <summary>
/// The marching-cubes mesh of digitised spheres and ellipsoids against their analytic volume and area. The
/// volume tolerance is the IBSI digital phantom's for mesh volume (556 ± 4 mm³, 0.72 % relative). The area of a
/// mesh over a binary mask is not an estimate of the smooth surface's: it is larger by a fixed factor that finer
/// voxels do not remove (measured here: +8.4 % on isotropic grids at every radius, +17 % with 2 mm slices under
/// 0.8–0.9 mm pixels). The IBSI phantom's area (388 ± 3 mm²) is matched, so this is the quantity IBSI defines;
/// these tests pin the factor so that a change to the mesh shows.
/// </summary>
public class AnalyticShapeTests
{
    private const double IbsiMeshVolumeTolerance = 4.0 / 556;

    /// <summary>Mask of the ellipsoid with semi-axes (a, b, c) mm on a grid of the given spacing, centre off the voxel centres.</summary>
    private static (SurfaceMesh Mesh, int Voxels) Digitise(double a, double b, double c, double sx, double sy, double sz)
    {
        int nx = (int)Math.Ceiling(2 * a / sx) + 5, ny = (int)Math.Ceiling(2 * b / sy) + 5, nz = (int)Math.Ceiling(2 * c / sz) + 5;
        double cx = nx / 2.0 + 0.13, cy = ny / 2.0 - 0.21, cz = nz / 2.0 + 0.07;
        var mask = new bool[nx * ny * nz];
        int count = 0;
        for (int z = 0; z < nz; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    double dx = (x - cx) * sx / a, dy = (y - cy) * sy / b, dz = (z - cz) * sz / c;
                    if (dx * dx + dy * dy + dz * dz > 1) continue;
                    mask[(z * ny + y) * nx + x] = true;
                    count++;
                }
        return (MarchingCubes.Build(mask, nx, ny, nz, sx, sy, sz), count);
    }

    /// <summary>The ellipsoid's surface area by the midpoint rule over (θ, φ): 400 × 800 points, ~3e-6 relative (O(h²) at the poles).</summary>
    private static double EllipsoidArea(double a, double b, double c)
    {
        const int n = 400;
        double h = Math.PI / n, sum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = (i + 0.5) * h, st = Math.Sin(t), ct = Math.Cos(t);
            for (int j = 0; j < 2 * n; j++)
            {
                double p = (j + 0.5) * h;
                double x = b * c * st * st * Math.Cos(p), y = a * c * st * st * Math.Sin(p), z = a * b * st * ct;
                sum += Math.Sqrt(x * x + y * y + z * z);
            }
        }
        return sum * h * h;
    }

    [Fact]
    public void EllipsoidArea_OfASphere_Is4PiR2() => Assert.Equal(4 * Math.PI * 100, EllipsoidArea(10, 10, 10), 4 * Math.PI * 100 * 1e-5);

    [Theory]
    [InlineData(10, 10, 10, 1, 1, 1)]
    [InlineData(20, 20, 20, 1, 1, 1)]
    [InlineData(30, 20, 12, 1, 1, 1)]
    [InlineData(30, 20, 12, 0.8, 0.9, 2.0)]
    [InlineData(30, 20, 12, 0.5, 0.5, 0.5)]
    public void MeshVolume_IsTheAnalyticVolume_WithinIbsisMeshTolerance(double a, double b, double c, double sx, double sy, double sz)
    {
        var (mesh, voxels) = Digitise(a, b, c, sx, sy, sz);
        double volume = 4.0 / 3 * Math.PI * a * b * c;
        Assert.InRange(mesh.Volume / volume, 1 - IbsiMeshVolumeTolerance, 1 + IbsiMeshVolumeTolerance);
        Assert.InRange(voxels * sx * sy * sz / volume, 1 - IbsiMeshVolumeTolerance, 1 + IbsiMeshVolumeTolerance);
    }

    [Theory]
    [InlineData(10, 10, 10, 1, 1, 1, 1.084)]
    [InlineData(20, 20, 20, 1, 1, 1, 1.085)]
    [InlineData(30, 20, 12, 1, 1, 1, 1.086)]
    [InlineData(30, 20, 12, 0.5, 0.5, 0.5, 1.085)]
    [InlineData(30, 20, 12, 0.8, 0.9, 2.0, 1.169)]
    public void MeshArea_OverestimatesTheAnalyticArea_ByAFixedFactor(double a, double b, double c, double sx, double sy, double sz, double factor)
    {
        var (mesh, _) = Digitise(a, b, c, sx, sy, sz);
        Assert.Equal(factor, mesh.Area / EllipsoidArea(a, b, c), 0.002);
    }
}
