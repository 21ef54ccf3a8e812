namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI morphological features (chapter 3.1): the mesh of the morphological mask by <see cref="MarchingCubes"/>,
/// voxel-based volume, PCA axes of the mask's voxel centres, bounding-box, ellipsoid and convex-hull densities,
/// and the intensity-weighted ones (centre-of-mass shift, integrated intensity, Moran's I, Geary's C) on the
/// intensity mask. Lengths in mm, areas in mm², volumes in mm³.
/// </summary>
public static class MorphologyFeatures
{
    public const string Family = "morphology";

    /// <summary>Above this many ROI voxels Moran's I and Geary's C (all voxel pairs) are skipped as too costly; they come out NaN.</summary>
    public const int MaximumVoxelsForAutocorrelation = 20_000;

    /// <param name="autocorrelation">Compute Moran's I and Geary's C (O(N²) in ROI voxels); left out when false (PyRadiomics has neither).</param>
    public static IReadOnlyList<RadiomicsFeature> Compute(RoiImage roi, bool autocorrelation = true)
    {
        var mesh = MarchingCubes.Build(roi.MorphologicalMask, roi.Columns, roi.Rows, roi.Slices, roi.ColumnSpacing, roi.RowSpacing, roi.SliceSpacing);
        double v = mesh.Volume, a = mesh.Area;
        var morph = Positions(roi, roi.MorphologicalMask);
        var intensityPositions = Positions(roi, roi.IntensityMask);
        var intensities = roi.RoiIntensities();
        if (morph.Count == 0) throw new ArgumentException("the morphological mask is empty");

        var features = new List<(string, double)>
        {
            ("Volume (mesh)", v),
            ("Volume (voxel counting)", morph.Count * roi.VoxelVolume),
            ("Surface area (mesh)", a),
            ("Surface to volume ratio", a / v),
            ("Compactness 1", v / (Math.Sqrt(Math.PI) * Math.Pow(a, 1.5))),
            ("Compactness 2", 36 * Math.PI * v * v / (a * a * a)),
            ("Spherical disproportion", a / Math.Cbrt(36 * Math.PI * v * v)),
            ("Sphericity", Math.Cbrt(36 * Math.PI * v * v) / a),
            ("Asphericity", Math.Cbrt(a * a * a / (36 * Math.PI * v * v)) - 1),
            ("Centre of mass shift", CentreOfMassShift(morph, intensityPositions, intensities)),
        };

        var hull = ConvexHull.Of(mesh.Vertices);
        features.Add(("Maximum 3D diameter", MaximumDiameter(hull.Vertices)));

        var (l1, l2, l3) = PrincipalVariances(morph);
        double major = 4 * Math.Sqrt(l1), minor = 4 * Math.Sqrt(l2), least = 4 * Math.Sqrt(l3);
        features.Add(("Major axis length", major));
        features.Add(("Minor axis length", minor));
        features.Add(("Least axis length", least));
        features.Add(("Elongation", Math.Sqrt(l2 / l1)));
        features.Add(("Flatness", Math.Sqrt(l3 / l1)));

        var (boxVolume, boxArea) = AxisAlignedBox(mesh.Vertices);
        features.Add(("Volume density (axis-aligned bounding box)", v / boxVolume));
        features.Add(("Area density (axis-aligned bounding box)", a / boxArea));
        double sa = major / 2, sb = minor / 2, sc = least / 2;
        features.Add(("Volume density (approximate enclosing ellipsoid)", v / (4 * Math.PI * sa * sb * sc / 3)));
        features.Add(("Area density (approximate enclosing ellipsoid)", a / EllipsoidArea(sa, sb, sc)));
        features.Add(("Volume density (convex hull)", v / hull.Volume));
        features.Add(("Area density (convex hull)", a / hull.Area));
        features.Add(("Integrated intensity", intensities.Average() * v));
        if (autocorrelation)
        {
            var (moran, geary) = Autocorrelation(intensityPositions, intensities);
            features.Add(("Moran's I index", moran));
            features.Add(("Geary's C measure", geary));
        }
        return features.Select(f => new RadiomicsFeature(Family, f.Item1, "3D", f.Item2)).ToList();
    }

    internal static List<Vector3D> Positions(RoiImage roi, bool[] mask)
    {
        var positions = new List<Vector3D>();
        for (int z = 0; z < roi.Slices; z++)
        for (int y = 0; y < roi.Rows; y++)
        for (int x = 0; x < roi.Columns; x++)
            if (mask[roi.Index(x, y, z)]) positions.Add(new Vector3D(x * roi.ColumnSpacing, y * roi.RowSpacing, z * roi.SliceSpacing));
        return positions;
    }

    private static double CentreOfMassShift(List<Vector3D> morph, List<Vector3D> intensityPositions, double[] intensities)
    {
        var geometric = new Vector3D(0, 0, 0);
        foreach (var p in morph) geometric += p;
        geometric = (1.0 / morph.Count) * geometric;
        var weighted = new Vector3D(0, 0, 0);
        double total = 0;
        for (int i = 0; i < intensities.Length; i++)
        {
            weighted += intensities[i] * intensityPositions[i];
            total += intensities[i];
        }
        return ((1.0 / total) * weighted - geometric).Length;
    }

    private static double MaximumDiameter(IReadOnlyList<Vector3D> points)
    {
        double max = 0;
        for (int i = 0; i < points.Count; i++)
            for (int j = i + 1; j < points.Count; j++) max = Math.Max(max, (points[i] - points[j]).Length);
        return max;
    }

    /// <summary>Eigenvalues (largest first) of the covariance of the voxel centres (sample covariance, divided by N − 1, as MIRP's numpy.cov).</summary>
    private static (double, double, double) PrincipalVariances(List<Vector3D> positions)
    {
        var mean = new Vector3D(0, 0, 0);
        foreach (var p in positions) mean += p;
        mean = (1.0 / positions.Count) * mean;
        var cov = new double[3, 3];
        foreach (var p in positions)
        {
            double[] d = [p.X - mean.X, p.Y - mean.Y, p.Z - mean.Z];
            for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) cov[r, c] += d[r] * d[c];
        }
        for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) cov[r, c] /= positions.Count - 1;
        var e = SymmetricEigenvalues.Of(cov);
        return (e[0], e[1], e[2]);
    }

    private static (double Volume, double Area) AxisAlignedBox(IReadOnlyList<Vector3D> vertices)
    {
        double dx = vertices.Max(p => p.X) - vertices.Min(p => p.X);
        double dy = vertices.Max(p => p.Y) - vertices.Min(p => p.Y);
        double dz = vertices.Max(p => p.Z) - vertices.Min(p => p.Z);
        return (dx * dy * dz, 2 * (dx * dy + dx * dz + dy * dz));
    }

    /// <summary>Surface area of an ellipsoid with semi-axes a ≥ b ≥ c by IBSI's Legendre series (20 terms).</summary>
    internal static double EllipsoidArea(double a, double b, double c)
    {
        double alpha = Math.Sqrt(1 - b * b / (a * a)), beta = Math.Sqrt(1 - c * c / (a * a));
        if (alpha * beta == 0) return 4 * Math.PI * a * b; // sum collapses to its ν = 0 term
        double x = (alpha * alpha + beta * beta) / (2 * alpha * beta), sum = 0;
        for (int nu = 0; nu <= 20; nu++) sum += Math.Pow(alpha * beta, nu) / (1 - 4.0 * nu * nu) * Legendre(nu, x);
        return 4 * Math.PI * a * b * sum;
    }

    private static double Legendre(int n, double x)
    {
        if (n == 0) return 1;
        double previous = 1, current = x;
        for (int k = 1; k < n; k++) (previous, current) = (current, ((2 * k + 1) * x * current - k * previous) / (k + 1));
        return current;
    }

    /// <summary>Moran's I and Geary's C with inverse-distance weights over all pairs of ROI voxels.</summary>
    private static (double Moran, double Geary) Autocorrelation(List<Vector3D> positions, double[] x)
    {
        int n = x.Length;
        if (n < 2 || n > MaximumVoxelsForAutocorrelation) return (double.NaN, double.NaN);
        double mean = x.Average(), squares = 0;
        foreach (var value in x) squares += (value - mean) * (value - mean);
        if (squares == 0) return (double.NaN, double.NaN);
        double weights = 0, moran = 0, geary = 0;
        for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
        {
            double w = 1 / (positions[i] - positions[j]).Length;
            weights += 2 * w;
            moran += 2 * w * (x[i] - mean) * (x[j] - mean);
            geary += 2 * w * (x[i] - x[j]) * (x[i] - x[j]);
        }
        return (n / weights * moran / squares, (n - 1) / (2 * weights) * geary / squares);
    }
}
