using Radiogenomics.Statistics;
namespace Radiogenomics.Genomics;

/// <summary>
/// Count normalisations and gene filters with their textbook (edgeR-free) definitions; matrices are genes × samples.
/// Gene lengths are in base pairs and come from the caller (GDC: the sum of the gene's exon lengths).
/// <list type="bullet">
/// <item>CPM = count / N_j · 10⁶, N_j = the sample's total count.</item>
/// <item>TPM = (count / (L/10³)) / Σ_genes (count / (L/10³)) · 10⁶.</item>
/// <item>FPKM = count · 10⁹ / (L · N_j); N_j over all genes, or over protein-coding genes only as the GDC HTSeq pipeline did.</item>
/// <item>FPKM-UQ (GDC) = count · 10⁹ / (L · UQ_j), UQ_j = 75th percentile (R type 7, zeros included) of the sample's protein-coding counts.</item>
/// </list>
/// Reproduces golden/normalization/make_normalization_golden.R (base R).
/// </summary>
public static class ExpressionNormalization
{
    /// <summary>Column sums of the counts (R <c>colSums</c>), optionally over the genes flagged in <paramref name="include"/> only.</summary>
    public static double[] LibrarySizes(ExpressionMatrix counts, IReadOnlyList<bool>? include = null)
    {
        CheckCounts(counts);
        if (include is not null && include.Count != counts.GeneCount) throw new ArgumentException("One flag per gene is required.", nameof(include));
        var sizes = new double[counts.SampleCount];
        for (int g = 0; g < counts.GeneCount; g++)
        {
            if (include is not null && !include[g]) continue;
            var row = counts.Row(g);
            for (int j = 0; j < sizes.Length; j++) sizes[j] += row[j];
        }
        return sizes;
    }

    /// <summary>Counts per million: count / library size · 10⁶ (edgeR's <c>cpm()</c> without normalisation factors or prior count).</summary>
    public static ExpressionMatrix Cpm(ExpressionMatrix counts)
    {
        var lib = LibrarySizes(counts);
        return Scale(counts, (g, j, x) => x / lib[j] * 1e6);
    }

    /// <summary>Transcripts per million: per-kilobase rates rescaled to sum to 10⁶ in every sample.</summary>
    public static ExpressionMatrix Tpm(ExpressionMatrix counts, IReadOnlyList<double> geneLengths)
    {
        CheckCounts(counts);
        CheckLengths(counts, geneLengths);
        int n = counts.SampleCount;
        var rate = new double[counts.GeneCount * n];
        var total = new double[n];
        for (int g = 0; g < counts.GeneCount; g++)
        {
            var row = counts.Row(g);
            double kb = geneLengths[g] / 1e3;
            for (int j = 0; j < n; j++) { double r = row[j] / kb; rate[g * n + j] = r; total[j] += r; }
        }
        for (int g = 0; g < counts.GeneCount; g++)
            for (int j = 0; j < n; j++) rate[g * n + j] = rate[g * n + j] / total[j] * 1e6;
        return counts.WithValues(rate);
    }

    /// <summary>
    /// FPKM = count · 10⁹ / (L · N_j). N_j sums all genes, or only those flagged in <paramref name="librarySizeGenes"/>
    /// (pass the protein-coding flags for the GDC definition).
    /// </summary>
    public static ExpressionMatrix Fpkm(ExpressionMatrix counts, IReadOnlyList<double> geneLengths, IReadOnlyList<bool>? librarySizeGenes = null)
    {
        CheckLengths(counts, geneLengths);
        var lib = LibrarySizes(counts, librarySizeGenes);
        return Scale(counts, (g, j, x) => x * 1e9 / (geneLengths[g] * lib[j]));
    }

    /// <summary>Per-sample 75th percentile (R <c>quantile(type = 7)</c>, zeros included) of the counts of the flagged (protein-coding) genes.</summary>
    public static double[] UpperQuartiles(ExpressionMatrix counts, IReadOnlyList<bool> proteinCoding)
    {
        CheckCounts(counts);
        if (proteinCoding.Count != counts.GeneCount) throw new ArgumentException("One flag per gene is required.", nameof(proteinCoding));
        var uq = new double[counts.SampleCount];
        var buffer = new List<double>(counts.GeneCount);
        for (int j = 0; j < uq.Length; j++)
        {
            buffer.Clear();
            for (int g = 0; g < counts.GeneCount; g++) if (proteinCoding[g]) buffer.Add(counts[g, j]);
            uq[j] = RQuantile.Type7(buffer.ToArray(), 0.75);
        }
        return uq;
    }

    /// <summary>
    /// GDC FPKM-UQ = count · 10⁹ / (L · UQ_j), with UQ_j the 75th-percentile protein-coding count of sample j
    /// (see <see cref="UpperQuartiles"/>). A sample whose upper quartile is 0 gives ±∞/NaN, as the formula does.
    /// </summary>
    public static ExpressionMatrix FpkmUq(ExpressionMatrix counts, IReadOnlyList<double> geneLengths, IReadOnlyList<bool> proteinCoding)
    {
        CheckLengths(counts, geneLengths);
        var uq = UpperQuartiles(counts, proteinCoding);
        return Scale(counts, (g, j, x) => x * 1e9 / (geneLengths[g] * uq[j]));
    }

    /// <summary>log2(x + 1), element-wise (NaN stays NaN).</summary>
    public static ExpressionMatrix Log2PlusOne(ExpressionMatrix values) => values.Map(x => Math.Log2(x + 1));

    /// <summary>
    /// Keep flags for the usual expression filter: CPM &gt; <paramref name="threshold"/> in at least <paramref name="minSamples"/>
    /// samples (R <c>rowSums(cpm(counts) &gt; t) &gt;= k</c>; Liu &amp; Hu 2023 used t = 1, k = 3 on the raw counts before FPKM-UQ).
    /// </summary>
    public static bool[] CpmFilter(ExpressionMatrix counts, double threshold = 1, int minSamples = 3)
    {
        var cpm = Cpm(counts);
        var keep = new bool[counts.GeneCount];
        for (int g = 0; g < keep.Length; g++)
        {
            int above = 0;
            foreach (double x in cpm.Row(g)) if (x > threshold) above++;
            keep[g] = above >= minSamples;
        }
        return keep;
    }

    /// <summary>
    /// Keep flags for the low-expression filter that removes genes whose mean across samples is below <paramref name="minMean"/>
    /// (R <c>rowMeans(x) &gt;= 1</c>, the "mean &lt; 1 removed" rule of Liu et al. 2024), on whatever scale <paramref name="values"/> is.
    /// A gene with a missing value has a NaN mean and is removed.
    /// </summary>
    public static bool[] MeanFilter(ExpressionMatrix values, double minMean = 1)
    {
        var keep = new bool[values.GeneCount];
        for (int g = 0; g < keep.Length; g++)
        {
            double sum = 0;
            foreach (double x in values.Row(g)) sum += x;
            keep[g] = sum / values.SampleCount >= minMean;
        }
        return keep;
    }

    private static ExpressionMatrix Scale(ExpressionMatrix counts, Func<int, int, double, double> f)
    {
        int n = counts.SampleCount;
        var values = new double[counts.GeneCount * n];
        for (int g = 0; g < counts.GeneCount; g++)
        {
            var row = counts.Row(g);
            for (int j = 0; j < n; j++) values[g * n + j] = f(g, j, row[j]);
        }
        return counts.WithValues(values);
    }

    private static void CheckCounts(ExpressionMatrix counts)
    {
        foreach (double x in counts.Values)
            if (!(x >= 0) || double.IsInfinity(x)) throw new ArgumentException("Counts must be finite and non-negative.", nameof(counts));
    }

    private static void CheckLengths(ExpressionMatrix counts, IReadOnlyList<double> geneLengths)
    {
        if (geneLengths.Count != counts.GeneCount) throw new ArgumentException("One length per gene is required.", nameof(geneLengths));
        foreach (double l in geneLengths)
            if (!(l > 0) || double.IsInfinity(l)) throw new ArgumentException("Gene lengths must be positive and finite.", nameof(geneLengths));
    }
}
