using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// Builds the two genomic tables the fetch and genomics stages write and <see cref="GenomicCovariates"/> reads:
/// <c>genomic</c> (patient_id, then one column per genomic feature; null = missing) and <c>genomic_features</c>
/// (one row per feature: name, family, source).
/// </summary>
public sealed class GenomicTableWriter
{
    private readonly Table _values;
    private readonly int _patients;
    private readonly List<string?> _names = [], _families = [], _sources = [];

    /// <param name="patients">The rows' patient ids, in the order the values will be given.</param>
    public GenomicTableWriter(IReadOnlyList<string> patients)
    {
        _patients = patients.Count;
        _values = new Table().Add("patient_id", patients.Cast<string?>().ToArray());
    }

    public int Count => _names.Count;

    /// <summary>True when a feature of that name was added (the patient id column counts as taken).</summary>
    public bool Contains(string name) => _values.Contains(name);

    /// <summary>Adds a feature; non-finite values become null (missing).</summary>
    public void Add(string name, string family, string source, IReadOnlyList<double> values) =>
        Add(name, family, source, values.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray());

    /// <summary>Adds a feature with its values per patient (null = missing).</summary>
    public void Add(string name, string family, string source, double?[] values)
    {
        if (values.Length != _patients) throw new ArgumentException($"{name}: {values.Length} values for {_patients} patients");
        if (Contains(name)) throw new ArgumentException($"genomic feature '{name}' is already in the table");
        _values.Add(name, values);
        _names.Add(name);
        _families.Add(family);
        _sources.Add(source);
    }

    public void Write(string genomicPath, string catalogPath)
    {
        ParquetFile.Write(_values, genomicPath);
        ParquetFile.Write(new Table().Add("name", _names.ToArray()).Add("family", _families.ToArray()).Add("source", _sources.ToArray()), catalogPath);
    }
}
