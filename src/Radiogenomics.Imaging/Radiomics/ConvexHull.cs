namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// The convex hull of a 3-D point set by incremental insertion (each point outside the current hull replaces
/// the faces it sees with a cone to their horizon). A point in the plane of a face it does not extend is left
/// out, which changes neither the hull's volume nor its area. Needs four points not in one plane.
/// </summary>
public sealed class ConvexHull
{
    private ConvexHull(IReadOnlyList<Vector3D> vertices, double volume, double area)
    {
        Vertices = vertices;
        Volume = volume;
        Area = area;
    }

    /// <summary>The points on the hull's faces that its triangles use: every corner, and perhaps some points inside a flat face.</summary>
    public IReadOnlyList<Vector3D> Vertices { get; }

    public double Volume { get; }

    public double Area { get; }

    public static ConvexHull Of(IReadOnlyList<Vector3D> points)
    {
        points = LineExtremes(points);
        if (points.Count < 4) throw new ArgumentException($"a 3-D convex hull needs at least 4 points ({points.Count} given)");
        double scale = 0;
        foreach (var p in points) scale = Math.Max(scale, Math.Max(Math.Abs(p.X), Math.Max(Math.Abs(p.Y), Math.Abs(p.Z))));
        double eps = 1e-9 * Math.Max(scale, 1);

        // Initial tetrahedron: far apart points so the first hull is well conditioned.
        int i0 = 0, i1 = ArgMax(points, p => (p - points[0]).Length);
        var d01 = (points[i1] - points[i0]).Normalized();
        int i2 = ArgMax(points, p => Vector3D.Cross(p - points[i0], d01).Length);
        var normal = Vector3D.Cross(points[i1] - points[i0], points[i2] - points[i0]);
        int i3 = ArgMax(points, p => Math.Abs(Vector3D.Dot(p - points[i0], normal)));
        if (Math.Abs(Vector3D.Dot(points[i3] - points[i0], normal)) <= eps * normal.Length)
            throw new ArgumentException("the points lie in one plane; a 3-D convex hull needs depth");

        var faces = new List<(int A, int B, int C)>();
        var alive = new List<bool>();
        var active = new List<int>();
        void AddFace(int a, int b, int c) { active.Add(faces.Count); faces.Add((a, b, c)); alive.Add(true); }
        if (Vector3D.Dot(points[i3] - points[i0], normal) > 0) (i1, i2) = (i2, i1); // make (i0, i1, i2) face away from i3
        AddFace(i0, i1, i2);
        AddFace(i0, i3, i1);
        AddFace(i1, i3, i2);
        AddFace(i2, i3, i0);

        bool Sees(int face, Vector3D p)
        {
            var (a, b, c) = faces[face];
            var n = Vector3D.Cross(points[b] - points[a], points[c] - points[a]);
            return Vector3D.Dot(p - points[a], n) > eps * n.Length;
        }

        var visible = new List<int>();
        var edges = new HashSet<(int, int)>();
        for (int p = 0; p < points.Count; p++)
        {
            if (p == i0 || p == i1 || p == i2 || p == i3) continue;
            visible.Clear();
            foreach (int f in active) if (Sees(f, points[p])) visible.Add(f);
            if (visible.Count == 0) continue;
            edges.Clear();
            foreach (int f in visible)
            {
                var (a, b, c) = faces[f];
                edges.Add((a, b)); edges.Add((b, c)); edges.Add((c, a));
                alive[f] = false;
            }
            foreach (var (a, b) in edges.ToList())
                if (!edges.Contains((b, a))) AddFace(a, b, p);
            active.RemoveAll(f => !alive[f]);
        }

        double volume = 0, area = 0;
        var corners = new SortedSet<int>();
        for (int f = 0; f < faces.Count; f++)
        {
            if (!alive[f]) continue;
            var (a, b, c) = faces[f];
            volume += Vector3D.Dot(points[a], Vector3D.Cross(points[b], points[c]));
            area += Vector3D.Cross(points[b] - points[a], points[c] - points[a]).Length;
            corners.Add(a); corners.Add(b); corners.Add(c);
        }
        return new ConvexHull(corners.Select(i => points[i]).ToList(), volume / 6, area / 2);
    }

    /// <summary>
    /// Drops points that lie between two others on a line parallel to an axis (they are inside the hull or on it),
    /// axis by axis: a mesh's vertices shrink to its silhouettes, which makes the insertion loop cheap.
    /// </summary>
    private static IReadOnlyList<Vector3D> LineExtremes(IReadOnlyList<Vector3D> points)
    {
        var kept = points.Distinct().ToList();
        for (int axis = 0; axis < 3; axis++)
        {
            double Along(Vector3D p) => axis == 0 ? p.X : axis == 1 ? p.Y : p.Z;
            (double, double) Line(Vector3D p) => axis == 0 ? (p.Y, p.Z) : axis == 1 ? (p.X, p.Z) : (p.X, p.Y);
            kept = kept.GroupBy(Line).SelectMany(g => g.Count() <= 2 ? g.ToArray() : [g.MinBy(Along), g.MaxBy(Along)]).ToList();
        }
        return kept;
    }

    private static int ArgMax(IReadOnlyList<Vector3D> points, Func<Vector3D, double> score)
    {
        int best = 0;
        double max = double.NegativeInfinity;
        for (int i = 0; i < points.Count; i++)
        {
            double s = score(points[i]);
            if (s > max) { max = s; best = i; }
        }
        return best;
    }
}
