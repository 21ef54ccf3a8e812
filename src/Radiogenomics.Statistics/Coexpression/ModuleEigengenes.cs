using MathNet.Numerics.LinearAlgebra;

namespace Radiogenomics.Statistics.Coexpression;

/// <summary>
/// WGCNA's <c>moduleEigengenes(expr, colors)</c> without missing values: per module (labels in increasing order, 0 the
/// unassigned genes included) the module's genes standardised across samples (SD with n − 1), the first right singular
/// vector of the genes × samples matrix (unit length over samples), its sign chosen so that it correlates positively
/// with the average standardised expression ("along average").
/// </summary>
public static class ModuleEigengenes
{
    /// <summary><paramref name="genes"/>: one array of sample values per gene; <paramref name="labels"/>: one module per gene.</summary>
    public static IReadOnlyList<(int Module, double[] Eigengene)> Compute(IReadOnlyList<double[]> genes, IReadOnlyList<int> labels)
    {
        if (genes.Count != labels.Count) throw new ArgumentException("one module label per gene is needed");
        if (genes.Count == 0) throw new ArgumentException("no genes", nameof(genes));
        int n = genes[0].Length;
        var result = new List<(int, double[])>();
        foreach (int module in labels.Distinct().Order())
        {
            var members = Enumerable.Range(0, genes.Count).Where(g => labels[g] == module).ToArray();
            var scaled = members.Select(g => Standardise(genes[g])).ToArray();
            var a = Matrix<double>.Build.Dense(members.Length, n, (i, j) => scaled[i][j]);
            var v = a.Svd(computeVectors: true).VT.Row(0).ToArray();
            var average = new double[n];
            foreach (var s in scaled) for (int j = 0; j < n; j++) average[j] += s[j] / scaled.Length;
            if (PearsonCorrelation.Coefficient(average, v) < 0) for (int j = 0; j < n; j++) v[j] = -v[j];
            result.Add((module, v));
        }
        return result;
    }

    private static double[] Standardise(double[] x)
    {
        double m = x.Average(), ss = 0;
        foreach (double v in x) ss += (v - m) * (v - m);
        double sd = Math.Sqrt(ss / (x.Length - 1));
        return x.Select(v => (v - m) / sd).ToArray();
    }
}
