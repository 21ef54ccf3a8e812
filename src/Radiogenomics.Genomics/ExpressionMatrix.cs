namespace Radiogenomics.Genomics;

/// <summary>
/// A genes × samples matrix of doubles (rows = genes or probes, columns = samples), the orientation GSVA and limma use.
/// Values are stored row-major. Gene names may repeat; <see cref="IndexOf"/> returns the first row, as R's <c>match()</c>.
/// NaN marks a missing value. Instances are immutable.
/// </summary>
public sealed class ExpressionMatrix
{
    private readonly double[] _values;
    private readonly string[] _genes;
    private readonly string[] _samples;
    private Dictionary<string, int>? _firstRow;

    /// <summary>Copies <paramref name="values"/> (row-major, <c>genes.Count × samples.Count</c>).</summary>
    public ExpressionMatrix(IReadOnlyList<string> genes, IReadOnlyList<string> samples, ReadOnlySpan<double> values)
        : this(genes.ToArray(), samples.ToArray(), values.ToArray(), validate: true) { }

    /// <summary>Copies a rectangular array whose first index is the gene and second the sample.</summary>
    public ExpressionMatrix(IReadOnlyList<string> genes, IReadOnlyList<string> samples, double[,] values)
        : this(genes.ToArray(), samples.ToArray(), Flatten(values, genes.Count, samples.Count), validate: true) { }

    // Takes ownership of the arrays (no copy).
    internal ExpressionMatrix(string[] genes, string[] samples, double[] values, bool validate)
    {
        if (validate)
        {
            ArgumentNullException.ThrowIfNull(genes);
            ArgumentNullException.ThrowIfNull(samples);
            if (values.Length != (long)genes.Length * samples.Length)
                throw new ArgumentException($"Expected {genes.Length} × {samples.Length} values, got {values.Length}.", nameof(values));
            if (genes.Any(g => g is null) || samples.Any(s => s is null)) throw new ArgumentException("Gene and sample names cannot be null.");
        }
        _genes = genes;
        _samples = samples;
        _values = values;
    }

    /// <summary>Builds a matrix from one array per gene (each of length <c>samples.Count</c>).</summary>
    public static ExpressionMatrix FromRows(IReadOnlyList<string> genes, IReadOnlyList<string> samples, IReadOnlyList<double[]> rows)
    {
        if (rows.Count != genes.Count) throw new ArgumentException("One row per gene is required.", nameof(rows));
        var values = new double[genes.Count * samples.Count];
        for (int g = 0; g < rows.Count; g++)
        {
            if (rows[g].Length != samples.Count) throw new ArgumentException($"Row {g} has {rows[g].Length} values, expected {samples.Count}.", nameof(rows));
            rows[g].CopyTo(values, g * samples.Count);
        }
        return new ExpressionMatrix(genes.ToArray(), samples.ToArray(), values, validate: true);
    }

    public IReadOnlyList<string> Genes => _genes;
    public IReadOnlyList<string> Samples => _samples;
    public int GeneCount => _genes.Length;
    public int SampleCount => _samples.Length;

    public double this[int gene, int sample]
    {
        get
        {
            if ((uint)sample >= (uint)_samples.Length) throw new ArgumentOutOfRangeException(nameof(sample));
            return _values[gene * _samples.Length + sample];
        }
    }

    /// <summary>The values of one gene across all samples.</summary>
    public ReadOnlySpan<double> Row(int gene) => _values.AsSpan(gene * _samples.Length, _samples.Length);

    /// <summary>A copy of one sample's values across all genes.</summary>
    public double[] Column(int sample)
    {
        if ((uint)sample >= (uint)_samples.Length) throw new ArgumentOutOfRangeException(nameof(sample));
        var column = new double[_genes.Length];
        for (int g = 0, k = sample; g < column.Length; g++, k += _samples.Length) column[g] = _values[k];
        return column;
    }

    /// <summary>First row named <paramref name="gene"/> (ordinal comparison), or −1.</summary>
    public int IndexOf(string gene)
    {
        var map = _firstRow;
        if (map is null)
        {
            map = new Dictionary<string, int>(_genes.Length, StringComparer.Ordinal);
            for (int g = 0; g < _genes.Length; g++) map.TryAdd(_genes[g], g);
            _firstRow = map;
        }
        return map.TryGetValue(gene, out int row) ? row : -1;
    }

    /// <summary>True when any value is NaN.</summary>
    public bool HasMissingValues() => Array.Exists(_values, double.IsNaN);

    /// <summary>The rows whose <paramref name="keep"/> flag is true, in their original order.</summary>
    public ExpressionMatrix SelectGenes(IReadOnlyList<bool> keep)
    {
        if (keep.Count != _genes.Length) throw new ArgumentException("One flag per gene is required.", nameof(keep));
        var rows = new List<int>();
        for (int g = 0; g < keep.Count; g++) if (keep[g]) rows.Add(g);
        return SelectGenes(rows);
    }

    /// <summary>The given rows, in the given order (repeats allowed).</summary>
    public ExpressionMatrix SelectGenes(IReadOnlyList<int> rows)
    {
        int n = _samples.Length;
        var values = new double[rows.Count * n];
        var genes = new string[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            genes[i] = _genes[rows[i]];
            Array.Copy(_values, rows[i] * n, values, i * n, n);
        }
        return new ExpressionMatrix(genes, _samples, values, validate: false);
    }

    /// <summary>The given samples (columns), in the given order.</summary>
    public ExpressionMatrix SelectSamples(IReadOnlyList<int> columns)
    {
        int n = _samples.Length, m = columns.Count;
        var values = new double[_genes.Length * m];
        for (int g = 0; g < _genes.Length; g++)
            for (int j = 0; j < m; j++) values[g * m + j] = _values[g * n + columns[j]];
        return new ExpressionMatrix(_genes, columns.Select(c => _samples[c]).ToArray(), values, validate: false);
    }

    /// <summary>A copy of the values, row-major.</summary>
    public double[] ToArray() => (double[])_values.Clone();

    /// <summary>A new matrix with <paramref name="transform"/> applied to every value (same names).</summary>
    public ExpressionMatrix Map(Func<double, double> transform)
    {
        var values = new double[_values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = transform(_values[i]);
        return new ExpressionMatrix(_genes, _samples, values, validate: false);
    }

    internal ReadOnlySpan<double> Values => _values;

    // Element-wise result from a same-shaped value array (names shared, no copy).
    internal ExpressionMatrix WithValues(double[] values) => new(_genes, _samples, values, validate: false);

    private static double[] Flatten(double[,] values, int genes, int samples)
    {
        if (values.GetLength(0) != genes || values.GetLength(1) != samples)
            throw new ArgumentException($"Expected a {genes} × {samples} array.", nameof(values));
        var flat = new double[genes * samples];
        for (int g = 0; g < genes; g++)
            for (int s = 0; s < samples; s++) flat[g * samples + s] = values[g, s];
        return flat;
    }
}
