namespace Radiogenomics.Genomics;

/// <summary>Gene sets in the GMT format of MSigDB and GSEA: one set per line, name, description, then genes, tab-separated.</summary>
public static class GmtFile
{
    /// <summary>Reads every set; a malformed line or a set defined twice is a <see cref="FormatException"/> naming <paramref name="displayPath"/>, the line and the fix.</summary>
    public static List<GeneSet> Read(string fullPath, string displayPath)
    {
        using var reader = new StreamReader(fullPath);
        return Parse(reader, displayPath);
    }

    /// <summary>As <see cref="Read"/>, from text already open.</summary>
    public static List<GeneSet> Parse(TextReader reader, string displayPath)
    {
        var sets = new List<GeneSet>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var fields = text.Split('\t');
            if (fields.Length < 3)
                throw new FormatException($"{displayPath}: line {line}: a GMT line needs a name, a description and at least one gene, separated by tabs. Fix: check that the file is tab-separated GMT");
            if (fields[0].Trim().Length == 0)
                throw new FormatException($"{displayPath}: line {line}: the gene set has no name (the line starts with a tab). Fix: put the set's name in the first field");
            var genes = fields.Skip(2).Where(g => g.Length > 0).ToList();
            if (genes.Count == 0)
                throw new FormatException($"{displayPath}: line {line}: gene set '{fields[0]}' lists no genes (only empty fields after the description). Fix: add its genes, or delete the line");
            if (!names.Add(fields[0]))
                throw new FormatException($"{displayPath}: line {line}: gene set '{fields[0]}' is defined twice. Fix: keep one definition per set");
            sets.Add(new GeneSet(fields[0], genes));
        }
        return sets;
    }
}
