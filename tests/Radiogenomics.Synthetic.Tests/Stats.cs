namespace Radiogenomics.Synthetic.Tests;

/// <summary>Small statistics helpers for the sanity tests.</summary>
internal static class Stats
{
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntheticCohort, double[]> LibrarySizes = new();

    /// <summary>log2 counts per million (+0.5 prior) of gene g in every sample, as limma-voom does.</summary>
    public static double[] LogCpm(SyntheticCohort cohort, int gene)
    {
        var c = cohort.Counts;
        var libraries = LibrarySizes.GetValue(cohort, x => Enumerable.Range(0, x.Counts.SampleCount).Select(s => (double)x.Counts.LibrarySize(s)).ToArray());
        var result = new double[c.SampleCount];
        for (int s = 0; s < c.SampleCount; s++) result[s] = Math.Log2((c[gene, s] + 0.5) / (libraries[s] + 1.0) * 1e6);
        return result;
    }

    /// <summary>Harrell's concordance of a risk score with right-censored survival (ties in risk count ½).</summary>
    public static double Concordance(IReadOnlyList<double> risk, IReadOnlyList<SurvivalRecord> survival)
    {
        double concordant = 0, comparable = 0;
        for (int i = 0; i < risk.Count; i++)
        {
            if (!survival[i].Event) continue;
            for (int j = 0; j < risk.Count; j++)
            {
                if (survival[j].TimeDays <= survival[i].TimeDays) continue;
                comparable++;
                if (risk[i] > risk[j]) concordant++;
                else if (risk[i] == risk[j]) concordant += 0.5;
            }
        }
        return concordant / comparable;
    }
}
