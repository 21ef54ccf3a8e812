namespace Radiogenomics.Imaging.Radiomics;

/// <summary>
/// IBSI's ways of turning per-slice and per-direction texture matrices into one feature value (manual 3.6):
/// for direction-based matrices (GLCM, GLRLM) 2D averaged, 2D slice-merged, 2.5D direction-merged, 2.5D merged,
/// 3D averaged and 3D merged; for the others 2D (per slice, averaged), 2.5D (slices merged) and 3D. Merging sums
/// counts and N_v. Slices without ROI voxels and empty matrices (e.g. no neighbour pairs) take no part.
/// </summary>
internal static class TextureAggregation
{
    /// <summary>In-plane neighbour directions at Chebyshev distance 1, one of each opposite pair.</summary>
    public static readonly (int X, int Y, int Z)[] Directions2D = [(1, 0, 0), (1, 1, 0), (0, 1, 0), (-1, 1, 0)];

    /// <summary>The 13 3-D directions: one of each opposite pair of the 26 neighbours' offsets.</summary>
    public static readonly (int X, int Y, int Z)[] Directions3D = BuildDirections3D();

    public static readonly string[] DirectionalAggregations = ["2D averaged", "2D slice-merged", "2.5D direction-merged", "2.5D merged", "3D averaged", "3D merged"];

    public static readonly string[] SliceAggregations = ["2D", "2.5D", "3D"];

    public static IEnumerable<int> SlicesWithRoi(DiscretisedImage image)
    {
        int size = image.Columns * image.Rows;
        for (int z = 0; z < image.Slices; z++)
        {
            bool any = false;
            for (int k = z * size; k < (z + 1) * size && !any; k++) any = image.Levels[k] > 0;
            if (any) yield return z;
        }
    }

    /// <param name="build">The matrix of one slice (null: the whole volume) and one direction.</param>
    public static List<RadiomicsFeature> Directional(DiscretisedImage image, string family, string[] names,
        Func<int?, (int X, int Y, int Z), TextureMatrix> build, Func<TextureMatrix, double[]> features, ISet<string>? aggregations = null)
    {
        var result = new List<RadiomicsFeature>();
        bool Wanted(string a) => aggregations is null || aggregations.Contains(a);
        var slices = SlicesWithRoi(image).ToList();
        if (Wanted("2D averaged") || Wanted("2D slice-merged") || Wanted("2.5D direction-merged") || Wanted("2.5D merged"))
        {
            var perSlice = slices.Select(z => Directions2D.Select(d => build(z, d)).ToList()).ToList();
            if (Wanted("2D averaged"))
                Add("2D averaged", Average(perSlice.SelectMany(m => m).Where(NotEmpty).Select(features)));
            if (Wanted("2D slice-merged"))
                Add("2D slice-merged", Average(perSlice.Select(TextureMatrix.Merge).Where(NotEmpty).Select(features)));
            if (Wanted("2.5D direction-merged"))
                Add("2.5D direction-merged", Average(Enumerable.Range(0, Directions2D.Length)
                    .Select(d => TextureMatrix.Merge(perSlice.Select(s => s[d]))).Where(NotEmpty).Select(features)));
            if (Wanted("2.5D merged"))
                Add("2.5D merged", Average(new[] { TextureMatrix.Merge(perSlice.SelectMany(m => m)) }.Where(NotEmpty).Select(features)));
        }
        if (Wanted("3D averaged") || Wanted("3D merged"))
        {
            var perDirection = Directions3D.Select(d => build(null, d)).ToList();
            if (Wanted("3D averaged")) Add("3D averaged", Average(perDirection.Where(NotEmpty).Select(features)));
            if (Wanted("3D merged")) Add("3D merged", Average(new[] { TextureMatrix.Merge(perDirection) }.Where(NotEmpty).Select(features)));
        }
        return result;

        void Add(string aggregation, double[]? values)
        {
            for (int k = 0; k < names.Length; k++) result.Add(new RadiomicsFeature(family, names[k], aggregation, values?[k] ?? double.NaN));
        }
    }

    /// <param name="build">The matrix of one slice (in-plane neighbourhoods), or of the volume when the slice is null.</param>
    public static List<RadiomicsFeature> PerSlice(DiscretisedImage image, string family, string[] names,
        Func<int?, TextureMatrix> build, Func<TextureMatrix, double[]> features, ISet<string>? aggregations = null)
    {
        var result = new List<RadiomicsFeature>();
        bool Wanted(string a) => aggregations is null || aggregations.Contains(a);
        if (Wanted("2D") || Wanted("2.5D"))
        {
            var perSlice = SlicesWithRoi(image).Select(z => build(z)).ToList();
            if (Wanted("2D")) Add("2D", Average(perSlice.Where(NotEmpty).Select(features)));
            if (Wanted("2.5D")) Add("2.5D", Average(new[] { TextureMatrix.Merge(perSlice) }.Where(NotEmpty).Select(features)));
        }
        if (Wanted("3D")) Add("3D", Average(new[] { build(null) }.Where(NotEmpty).Select(features)));
        return result;

        void Add(string aggregation, double[]? values)
        {
            for (int k = 0; k < names.Length; k++) result.Add(new RadiomicsFeature(family, names[k], aggregation, values?[k] ?? double.NaN));
        }
    }

    private static bool NotEmpty(TextureMatrix m) => m.Total > 0;

    private static double[]? Average(IEnumerable<double[]> values)
    {
        double[]? sum = null;
        int n = 0;
        foreach (var v in values)
        {
            sum ??= new double[v.Length];
            for (int k = 0; k < v.Length; k++) sum[k] += v[k];
            n++;
        }
        if (sum is null) return null;
        for (int k = 0; k < sum.Length; k++) sum[k] /= n;
        return sum;
    }

    private static (int, int, int)[] BuildDirections3D()
    {
        var list = new List<(int, int, int)>();
        for (int dz = -1; dz <= 1; dz++)
        for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
        {
            if (dx == 0 && dy == 0 && dz == 0) continue;
            // Keep one of each ± pair: the one whose first non-zero component (z, then y, then x) is positive.
            int first = dz != 0 ? dz : dy != 0 ? dy : dx;
            if (first > 0) list.Add((dx, dy, dz));
        }
        return list.ToArray();
    }
}
