namespace Radiogenomics.Synthetic;

/// <summary>Unstranded RNA-seq read counts, genes × samples, stored sample-major (one contiguous run of genes per sample).</summary>
public sealed class CountMatrix
{
    internal CountMatrix(int geneCount, int sampleCount, int[] values)
    {
        if (values.Length != geneCount * sampleCount) throw new ArgumentException("Count array has the wrong length.", nameof(values));
        GeneCount = geneCount;
        SampleCount = sampleCount;
        Values = values;
    }

    public int GeneCount { get; }
    public int SampleCount { get; }

    /// <summary>Counts, index = sample · GeneCount + gene.</summary>
    internal int[] Values { get; }

    public int this[int gene, int sample] => Values[sample * GeneCount + gene];

    /// <summary>All genes of one sample, in catalogue order.</summary>
    public ReadOnlySpan<int> Sample(int sample) => Values.AsSpan(sample * GeneCount, GeneCount);

    /// <summary>Total gene-assigned reads of a sample.</summary>
    public long LibrarySize(int sample)
    {
        long s = 0;
        foreach (int c in Sample(sample)) s += c;
        return s;
    }
}
