namespace Radiogenomics.Genomics;

/// <summary>Gene sets in the GMT format of MSigDB and GSEA: one set per line, name, description, then genes, tab-separated.</summary>
public static class GmtFile
{
    /// <summary>Reads every set; a malformed line or a set defined twice is a <see cref="FormatException"/> naming <paramref name="displayPath"/>, the line and the fix.</summary>
    public static List<GeneSet> Read(string fullPath, string displayPath)
    {
        var sets = new List<GeneSet>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int line = 0;
        foreach (var text in File.ReadLines(fullPath))
        {
            line++;
            if (text.Length == 0 || text.StartsWith('#')) continue;
            var fields = text.Split('\t');
            if (fields.Length < 3)
                throw new FormatException($"{displayPath}: line {line}: a GMT line needs a name, a description and at least one gene, separated by tabs. Fix: check that the file is tab-separated GMT");
            if (!names.Add(fields[0]))
                throw new FormatException($"{displayPath}: line {line}: gene set '{fields[0]}' is defined twice. Fix: keep one definition per set");
            sets.Add(new GeneSet(fields[0], fields.Skip(2).Where(g => g.Length > 0).ToList()));
        }
        return sets;
    }
}
