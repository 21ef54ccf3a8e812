namespace Radiogenomics.Statistics;

/// <summary>
/// Benjamini–Hochberg over a feature-major table of pairs ([feature * genomic count + genomic]) with the
/// scope as a parameter: global (all pairs), per_genomic (each genomic feature over all radiomic features,
/// the seed study's choice) or per_family. A scope that is not one of these is an error, never a default.
/// </summary>
public static class MultipleTesting
{
    public static double[] Adjust(double[] p, int featureCount, IReadOnlyList<string> genomicNames, Func<int, string> familyOf, FdrScope scope)
    {
        Func<int, string> groupOf = scope switch
        {
            FdrScope.Global => _ => "",
            FdrScope.PerGenomic => g => genomicNames[g],
            FdrScope.PerFamily => familyOf,
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "not a multiple-testing scope"),
        };
        if (scope == FdrScope.Global) return BenjaminiHochberg.Adjust(p);
        int k = genomicNames.Count;
        var q = new double[p.Length];
        foreach (var group in Enumerable.Range(0, k).GroupBy(groupOf))
        {
            var members = group.SelectMany(g => Enumerable.Range(0, featureCount).Select(j => (long)j * k + g)).Order().ToArray();
            var adjusted = BenjaminiHochberg.Adjust(members.Select(i => p[i]).ToArray());
            for (int i = 0; i < members.Length; i++) q[members[i]] = adjusted[i];
        }
        return q;
    }
}
