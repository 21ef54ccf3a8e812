using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// Patient-level genomic features aligned to a list of patients: <see cref="Values"/>[g * patients + p],
/// NaN where a patient has no value. Read from the genomic and genomic_features tables of fetch stages.
/// </summary>
public sealed class GenomicCovariates
{
    private GenomicCovariates(IReadOnlyList<string> names, double[] values, IReadOnlyDictionary<string, string> familyOf)
    {
        Names = names;
        Values = values;
        FamilyOf = familyOf;
    }

    public IReadOnlyList<string> Names { get; }
    public double[] Values { get; }
    public IReadOnlyDictionary<string, string> FamilyOf { get; }

    public static GenomicCovariates Read(string genomicPath, string catalogPath, IReadOnlyList<string> patients)
    {
        var genomic = ParquetFile.Read(genomicPath);
        var catalog = ParquetFile.Read(catalogPath);
        var familyOf = catalog.GetStrings("name").Zip(catalog.GetStrings("family")).ToDictionary(x => x.First!, x => x.Second ?? "genomic");
        var row = genomic.GetStrings("patient_id").Select((p, i) => (p, i)).ToDictionary(x => x.p!, x => x.i, StringComparer.Ordinal);
        var names = genomic.ColumnNames.Where(c => c != "patient_id").ToList();
        int m = patients.Count;
        var values = new double[names.Count * m];
        for (int g = 0; g < names.Count; g++)
        {
            var column = genomic.GetNullableDoubles(names[g]);
            for (int p = 0; p < m; p++)
                values[g * m + p] = row.TryGetValue(patients[p], out var r) && column[r] is { } v ? v : double.NaN;
        }
        return new GenomicCovariates(names, values, familyOf);
    }

    public string Family(int g) => FamilyOf.GetValueOrDefault(Names[g], "genomic");
}
