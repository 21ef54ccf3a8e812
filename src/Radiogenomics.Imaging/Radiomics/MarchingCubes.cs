namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// The iso-surface at level 0.5 of a binary mask (IBSI's morphology mesh). The mask is padded with one empty voxel
/// on every side so the mesh is closed. A binary mask puts every vertex at an edge midpoint. Instead of a
/// 256-case lookup table the polygons of each cube are built from its faces: on each face, segments join the
/// cut edges so that each inside corner is cut off on its own (diagonal inside corners stay apart, as for
/// 6-connected foreground); the segments chain into closed loops, each fanned into triangles. Both cubes that
/// share a face see the same segments, so the mesh is watertight and consistently oriented. Vertices are in mm
/// from the centre of voxel (0, 0, 0).
/// </summary>
public static class MarchingCubes
{
    // Corner c of a cube sits at offset (c & 1, c >> 1 & 1, c >> 2 & 1).
    private static readonly int[][] FaceCorners = BuildFaces();

    public static SurfaceMesh Build(bool[] mask, int columns, int rows, int slices, double columnSpacing, double rowSpacing, double sliceSpacing)
    {
        int px = columns + 2, py = rows + 2, pz = slices + 2;
        bool Inside(int x, int y, int z) =>
            x >= 1 && y >= 1 && z >= 1 && x <= columns && y <= rows && z <= slices && mask[((z - 1) * rows + (y - 1)) * columns + (x - 1)];

        var vertexIndex = new Dictionary<long, int>();
        var vertices = new List<Vector3D>();
        var triangles = new List<(int, int, int)>();
        var inside = new bool[8];
        Span<int> next = stackalloc int[64];
        Span<int> loop = stackalloc int[16];
        for (int z = 0; z < pz - 1; z++)
        for (int y = 0; y < py - 1; y++)
        for (int x = 0; x < px - 1; x++)
        {
            int count = 0;
            for (int c = 0; c < 8; c++)
            {
                inside[c] = Inside(x + (c & 1), y + (c >> 1 & 1), z + (c >> 2 & 1));
                if (inside[c]) count++;
            }
            if (count == 0 || count == 8) continue;

            // An edge is named by its two corners: a * 8 + b with a < b. next[edge] = the edge its segment leads to.
            next.Fill(-1);
            foreach (var face in FaceCorners)
            {
                for (int k = 0; k < 4; k++)
                {
                    int c0 = face[k], c1 = face[(k + 1) & 3];
                    if (!inside[c0] || inside[c1]) continue;
                    // Edge k leaves the inside; walk on to the edge where the face re-enters it: together they cut off the outside corners between.
                    for (int ahead = 1; ahead < 4; ahead++)
                    {
                        int a0 = face[(k + ahead) & 3], a1 = face[(k + ahead + 1) & 3];
                        if (!inside[a0] && inside[a1])
                        {
                            next[EdgeKey(c0, c1)] = EdgeKey(a0, a1);
                            break;
                        }
                    }
                }
            }
            var done = new bool[64];
            for (int start = 0; start < 64; start++)
            {
                if (next[start] < 0 || done[start]) continue;
                int length = 0;
                for (int e = start; !done[e]; e = next[e])
                {
                    done[e] = true;
                    loop[length++] = Vertex(e);
                }
                if (length == 3)
                {
                    triangles.Add((loop[0], loop[1], loop[2]));
                    continue;
                }
                // A loop of more than 3 vertices need not be planar: take the triangulation that bulges away from the
                // cube's inside corners (the largest enclosed volume), as the classic case tables do.
                var inner = new Vector3D(0, 0, 0);
                for (int c = 0; c < 8; c++)
                    if (inside[c]) inner += new Vector3D((x + (c & 1) - 1) * columnSpacing, (y + (c >> 1 & 1) - 1) * rowSpacing, (z + (c >> 2 & 1) - 1) * sliceSpacing);
                inner = (1.0 / count) * inner;
                var corners = loop[..length].ToArray();
                List<(int, int, int)>? best = null;
                double bestVolume = double.NegativeInfinity;
                foreach (var candidate in Triangulations(0, length - 1))
                {
                    double cone = 0;
                    foreach (var (a, b, c) in candidate)
                        cone += Vector3D.Dot(vertices[corners[a]] - inner, Vector3D.Cross(vertices[corners[b]] - inner, vertices[corners[c]] - inner));
                    if (Math.Abs(cone) > bestVolume + 1e-9) { bestVolume = Math.Abs(cone); best = candidate; }
                }
                foreach (var (a, b, c) in best!) triangles.Add((corners[a], corners[b], corners[c]));
            }

            int Vertex(int edge)
            {
                int a = edge >> 3, b = edge & 7;
                // Doubled padded coordinates of the edge midpoint: exact integers.
                long dx = 2 * x + (a & 1) + (b & 1), dy = 2 * y + (a >> 1 & 1) + (b >> 1 & 1), dz = 2 * z + (a >> 2 & 1) + (b >> 2 & 1);
                long key = (dz * (2 * py + 1) + dy) * (2 * px + 1) + dx;
                if (!vertexIndex.TryGetValue(key, out int index))
                {
                    index = vertices.Count;
                    vertexIndex[key] = index;
                    vertices.Add(new Vector3D((dx / 2.0 - 1) * columnSpacing, (dy / 2.0 - 1) * rowSpacing, (dz / 2.0 - 1) * sliceSpacing));
                }
                return index;
            }
        }
        return new SurfaceMesh(vertices, triangles);
    }

    /// <summary>Every triangulation of the polygon with corners first … last (in order), as corner-index triples.</summary>
    private static IEnumerable<List<(int, int, int)>> Triangulations(int first, int last)
    {
        if (last - first < 2)
        {
            yield return [];
            yield break;
        }
        // The triangle on edge (first, last) has its apex at some k between; the two sides recurse.
        for (int k = first + 1; k < last; k++)
            foreach (var left in Triangulations(first, k).ToList())
            foreach (var right in Triangulations(k, last).ToList())
                yield return [.. left, .. right, (first, k, last)];
    }

    private static int EdgeKey(int a, int b) => a < b ? a * 8 + b : b * 8 + a;

    /// <summary>The six faces, each as four corners in counter-clockwise order seen from outside the cube.</summary>
    private static int[][] BuildFaces()
    {
        var faces = new List<int[]>();
        for (int axis = 0; axis < 3; axis++)
        {
            int u = (axis + 1) % 3, v = (axis + 2) % 3;
            for (int side = 0; side < 2; side++)
            {
                int[] uv = [0, 0, 1, 0, 1, 1, 0, 1];
                var corners = new int[4];
                for (int k = 0; k < 4; k++)
                    corners[k] = (side << axis) | (uv[2 * k] << u) | (uv[2 * k + 1] << v);
                // (u, v, axis) is right-handed, so this order circles +axis; the face at side 0 looks along −axis.
                if (side == 0) Array.Reverse(corners);
                faces.Add(corners);
            }
        }
        return faces.ToArray();
    }
}
