namespace Radiogenomics.Synthetic;

/// <summary>
/// The genes of the six genefu signatures (Entrez ID and the first symbol a genefu table gives, empty where none does),
/// frozen in the embedded genefu_genes.tsv (made by make_genefu_genes.py from the genefu 2.39 tables) so the cohort
/// does not change when the analysis library's tables do.
/// </summary>
internal static class GenefuGeneList
{
    private static readonly Lazy<IReadOnlyList<(string EntrezId, string Symbol)>> Genes = new(Read);

    /// <summary>Sorted by Entrez ID.</summary>
    public static IReadOnlyList<(string EntrezId, string Symbol)> All => Genes.Value;

    private static IReadOnlyList<(string EntrezId, string Symbol)> Read()
    {
        using var stream = typeof(GenefuGeneList).Assembly.GetManifestResourceStream("Radiogenomics.Synthetic.genefu_genes.tsv")
            ?? throw new InvalidOperationException("Embedded genefu_genes.tsv is missing.");
        using var reader = new StreamReader(stream);
        var genes = new List<(string, string)>();
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            genes.Add((fields[0], fields[1]));
        }
        return genes;
    }
}
