using Radiogenomics.Statistics;

namespace Radiogenomics.Stages;

/// <summary>
/// Benjamini–Hochberg over a feature-major table of pairs ([feature * genomic count + genomic]) with the
/// scope as a parameter: global (all pairs), per_genomic (each genomic feature over all radiomic features,
/// the seed study's choice) or per_family.
/// </summary>
public static class MultipleTesting
{
    public static readonly string[] Scopes = ["global", "per_genomic", "per_family"];

    public static double[] Adjust(double[] p, int featureCount, IReadOnlyList<string> genomicNames, Func<int, string> familyOf, string scope)
    {
        if (scope == "global") return BenjaminiHochberg.Adjust(p);
        int k = genomicNames.Count;
        var q = new double[p.Length];
        var groups = Enumerable.Range(0, k).GroupBy(g => scope == "per_genomic" ? genomicNames[g] : familyOf(g));
        foreach (var group in groups)
        {
            var members = group.SelectMany(g => Enumerable.Range(0, featureCount).Select(j => (long)j * k + g)).Order().ToArray();
            var adjusted = BenjaminiHochberg.Adjust(members.Select(i => p[i]).ToArray());
            for (int i = 0; i < members.Length; i++) q[members[i]] = adjusted[i];
        }
        return q;
    }
}
