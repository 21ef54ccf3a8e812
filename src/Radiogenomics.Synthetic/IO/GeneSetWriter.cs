namespace Radiogenomics.Synthetic;

/// <summary>Gene sets as GMT (name, description, member symbols; tab-separated, one set per line) and signatures as a TSV.</summary>
public static class GeneSetWriter
{
    public static void WriteGmt(string path, IEnumerable<GeneSet> sets)
    {
        using var writer = TsvFile.Create(path);
        foreach (var s in sets) writer.WriteLine(s.Name + "\t" + s.Description + "\t" + string.Join('\t', s.Symbols));
    }

    /// <summary>signature, gene_id, gene_name, coefficient (+1/−1): the input of a genefu-style signed score.</summary>
    public static void WriteSignatures(string path, IEnumerable<GeneSignature> signatures, GeneCatalog genes)
    {
        using var writer = TsvFile.Create(path);
        writer.WriteLine("signature\tgene_id\tgene_name\tcoefficient");
        foreach (var sig in signatures)
            for (int i = 0; i < sig.Symbols.Count; i++)
                writer.WriteLine($"{sig.Name}\t{genes.BySymbol(sig.Symbols[i])!.Id}\t{sig.Symbols[i]}\t{sig.Coefficients[i]}");
    }
}
