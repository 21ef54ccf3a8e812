namespace Radiogenomics.Genomics;

/// <summary>GSVA 1.46 <c>.filterFeatures</c> for methods other than ssGSEA: drop genes whose sd across samples is &lt; 1e-10 (or NA).</summary>
internal static class ConstantGeneFilter
{
    public static (ExpressionMatrix Filtered, int Dropped) Apply(ExpressionMatrix x)
    {
        var keep = new bool[x.GeneCount];
        int dropped = 0;
        for (int g = 0; g < keep.Length; g++)
        {
            keep[g] = Sd(x.Row(g)) >= 1e-10;
            if (!keep[g]) dropped++;
        }
        return dropped == 0 ? (x, 0) : (x.SelectGenes(keep), dropped);
    }

    // matrixStats::rowSds: sqrt(Σ(x − mean)²/(n − 1)); NaN for n < 2.
    internal static double Sd(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        if (n < 2) return double.NaN;
        double mean = 0;
        foreach (double v in x) mean += v;
        mean /= n;
        double ss = 0;
        foreach (double v in x) ss += (v - mean) * (v - mean);
        return Math.Sqrt(ss / (n - 1));
    }
}
