using System.Security.Cryptography;
using System.Text;
using static System.FormattableString;

namespace Radiogenomics.Synthetic.Tests;

/// <summary>The genefu signature genes in the catalogue, and that adding them left every gene of the seed's catalogue as it was.</summary>
public class SignatureGeneTests
{
    /// <summary>
    /// Hashes of what the seed's 20,000 genes carry — catalogue rows (id, symbol, type, length, baseline, dispersion, loading),
    /// the 110 × 20,000 counts, the gene sets and the seed genes' truth rows — computed by the code before the signature genes
    /// were added (commit 5c6a0c1). Any change that moves a seed gene's draws fails here.
    /// </summary>
    [Fact]
    public void TheSeedsGenesAreUnchangedByTheSignatureGenes()
    {
        var cohort = TestCohorts.Default;
        int core = cohort.Spec.GeneCount;
        var sb = new StringBuilder();
        for (int g = 0; g < core; g++)
        {
            var x = cohort.Genes[g];
            sb.Append(Invariant($"{x.Id}|{x.Symbol}|{x.Type}|{x.Length}|{x.BaselineCpm:R}|{x.Dispersion:R}|{x.Loading:R}\n"));
        }
        Assert.Equal("CC8759E6D22E9B0D", Hash(sb));
        sb.Clear();
        for (int s = 0; s < cohort.Counts.SampleCount; s++)
        {
            for (int g = 0; g < core; g++) sb.Append(cohort.Counts[g, s]).Append(',');
            sb.Append('\n');
        }
        Assert.Equal("4BCD94E2F62FA360", Hash(sb));
        sb.Clear();
        foreach (var set in cohort.GeneSets) sb.Append(set.Name).Append(':').Append(string.Join(",", set.Symbols)).Append('\n');
        Assert.Equal("AE30BA1852EAF1EA", Hash(sb));
        sb.Clear();
        var added = cohort.Genes.Genes.Skip(core).Select(g => g.Id).ToHashSet();
        // The null label's truth row came later (NullLabelTests checks that it moved nothing); the seed's rows are these.
        foreach (var e in cohort.Truth.Entries.Where(e => !added.Contains(e.EntityId) && e.Kind != TruthEntityKind.ClinicalLabel)) sb.Append(e).Append('\n');
        Assert.Equal("E704C3F05D92AE0D", Hash(sb));
    }

    [Fact]
    public void EveryGenefuGeneIsInTheCatalogueOnceWithItsEntrezId()
    {
        var cohort = TestCohorts.Default;
        int core = cohort.Spec.GeneCount;
        var byEntrez = cohort.Genes.Genes.Where(g => g.EntrezId is not null).GroupBy(g => g.EntrezId!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(1081, GenefuGeneList.All.Count);
        foreach (var (entrez, symbol) in GenefuGeneList.All)
        {
            var gene = Assert.Single(byEntrez[entrez]);
            Assert.Equal(symbol.Length > 0 ? symbol : "LOC" + entrez, gene.Symbol);
        }
        // The seed's real-symbol genes that a table names keep their place and gain the id (ESR1 2099, ERBB2 2064, MKI67 4288).
        Assert.Equal("2099", cohort.Genes.BySymbol("ESR1")!.EntrezId);
        Assert.Equal("2064", cohort.Genes.BySymbol("ERBB2")!.EntrezId);
        Assert.True(cohort.Genes.BySymbol("MKI67")!.Index < core);
        // The rest follow the seed's genes: null genes with rising ids, unique symbols, expressed.
        var added = cohort.Genes.Genes.Skip(core).ToList();
        Assert.Equal(1039, added.Count);
        Assert.All(added, g => Assert.True(g.IsSignatureSupplement && !g.IsDriver && g.Loading == 0 && g.EntrezId is not null));
        Assert.True(cohort.Genes.Genes.Take(core).All(g => !g.IsSignatureSupplement));
        Assert.Equal(cohort.Genes.Count, cohort.Genes.Genes.Where(g => !g.IsParY).Select(g => g.Symbol).Distinct().Count() + 2);
        var ids = cohort.Genes.Genes.Select(g => g.Id.Split('.')[0]).ToArray();
        for (int i = core; i < ids.Length; i++) Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"ids out of order at {i}");
        double meanCount = added.Average(g => Enumerable.Range(0, cohort.Counts.SampleCount).Average(s => cohort.Counts[g.Index, s]));
        Assert.True(meanCount > 100, $"signature genes should be expressed (mean count {meanCount:F0})");
    }

    private static string Hash(StringBuilder sb) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
}
