using Radiogenomics.Tables;

namespace Radiogenomics.Genomics;

/// <summary>
/// Gene lengths for TPM/FPKM/FPKM-UQ, keyed by version-stripped Ensembl id and by symbol: from a GTF (exon union,
/// as GDC computes them), from a table with a length column (gene_id and/or gene_name; featureCounts' Geneid/Length
/// works too), or from an upstream <c>genes</c> table (fetch.synthetic writes one).
/// </summary>
public sealed class GeneLengths
{
    private readonly Dictionary<string, GeneAnnotation> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GeneAnnotation> _bySymbol = new(StringComparer.Ordinal);

    private GeneLengths(IEnumerable<GeneAnnotation> genes)
    {
        foreach (var g in genes)
        {
            if (g.GeneId.Length > 0) _byId.TryAdd(IdKey(g.GeneId), g);
            if (g.GeneName.Length > 0) _bySymbol.TryAdd(g.GeneName, g);
        }
    }

    /// <summary>Ensembl ids join without their version (as the expression table's); other ids as they are.</summary>
    private static string IdKey(string id) => EnsemblGeneId.TryParse(id, out var key, out _, out _) ? key : id;

    public static GeneLengths FromFile(DataFile file)
    {
        string name = file.FullPath.ToLowerInvariant();
        if (name.EndsWith(".gtf") || name.EndsWith(".gtf.gz"))
        {
            try { return new GeneLengths(GtfGeneLengths.Read(file.FullPath)); }
            catch (FormatException e) { throw new DataProblemException(file.DisplayPath, "GTF", e.Message, "see the message"); }
        }
        var table = TabularFile.Read(file.FullPath, file.DisplayPath);
        string? idColumn = new[] { "gene_id", "Geneid", "GeneID" }.FirstOrDefault(table.HasColumn);
        string? nameColumn = new[] { "gene_name", "symbol", "Symbol" }.FirstOrDefault(table.HasColumn);
        string? lengthColumn = new[] { "length", "gene_length", "Length" }.FirstOrDefault(table.HasColumn);
        if (lengthColumn is null || (idColumn is null && nameColumn is null))
            throw new DataProblemException(file.DisplayPath, "header", "needs a length column (length, gene_length or Length) and gene_id or gene_name",
                "give the table those columns, or pass a GENCODE GTF");
        var lengths = table.Numbers(lengthColumn, allowMissing: false);
        var ids = idColumn is null ? null : table.Strings(idColumn);
        var names = nameColumn is null ? null : table.Strings(nameColumn);
        var types = table.HasColumn("gene_type") ? table.Strings("gene_type") : null;
        var genes = new List<GeneAnnotation>(table.RowCount);
        for (int i = 0; i < table.RowCount; i++)
        {
            if (!(lengths[i] > 0))
                throw new DataProblemException(file.DisplayPath, table.RowLabel(i), $"gene length {lengths[i]} is not positive", "give every gene its exon-union length in bases");
            genes.Add(new GeneAnnotation(ids?[i] ?? "", names?[i] ?? "", types?[i] ?? "", (long)lengths[i]));
        }
        return new GeneLengths(genes);
    }

    public static GeneLengths FromTable(Table table)
    {
        // Get* copy a whole column: read each once, not once per row.
        var ids = table.GetStrings("gene_id");
        var names = table.Contains("gene_name") ? table.GetStrings("gene_name") : new string?[table.RowCount];
        var types = table.Contains("gene_type") ? table.GetStrings("gene_type") : new string?[table.RowCount];
        var lengths = table.GetDoubles("length");
        return new(Enumerable.Range(0, table.RowCount).Select(i => new GeneAnnotation(ids[i] ?? "", names[i] ?? "", types[i] ?? "", (long)lengths[i])));
    }

    /// <summary>The annotation of a gene of the expression table: by Ensembl id (version stripped), else by symbol.</summary>
    public GeneAnnotation? Find(string geneId, string symbol)
    {
        if (geneId.Length > 0 && _byId.TryGetValue(IdKey(geneId), out var byId)) return byId;
        return symbol.Length > 0 && _bySymbol.TryGetValue(symbol, out var bySymbol) ? bySymbol : null;
    }
}
