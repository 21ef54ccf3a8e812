using System.IO.Compression;

namespace Radiogenomics.Genomics;

/// <summary>
/// Gene lengths from a GENCODE/Ensembl GTF (plain or .gz): the union of each gene's exons, in bases — the length GDC's
/// STAR-counts pipeline divides by for TPM, FPKM and FPKM-UQ (overlapping exons of different transcripts count once).
/// GTF coordinates are 1-based and inclusive, so an exon [s, e] covers e − s + 1 bases.
/// </summary>
public static class GtfGeneLengths
{
    public static List<GeneAnnotation> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var text = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new StreamReader(new GZipStream(stream, CompressionMode.Decompress)) : new StreamReader(stream);
        return Read(text, path);
    }

    public static List<GeneAnnotation> Read(TextReader reader, string displayPath)
    {
        var exons = new Dictionary<string, List<(long Start, long End)>>(StringComparer.Ordinal);
        var info = new Dictionary<string, (string Name, string Type)>(StringComparer.Ordinal);
        var order = new List<string>();
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split('\t');
            if (fields.Length != 9)
                throw new FormatException($"{displayPath}: line {lineNumber} has {fields.Length} tab-separated fields, a GTF line has 9. Fix: pass a GTF (GENCODE's *.annotation.gtf.gz) or a table with gene_id and length columns");
            if (fields[2] is not ("exon" or "gene")) continue;
            string? id = Attribute(fields[8], "gene_id");
            if (id is null) throw new FormatException($"{displayPath}: line {lineNumber} has no gene_id attribute. Fix: use a GTF with gene_id on every gene and exon line");
            if (!info.ContainsKey(id))
            {
                info[id] = (Attribute(fields[8], "gene_name") ?? "", Attribute(fields[8], "gene_type") ?? Attribute(fields[8], "gene_biotype") ?? "");
                order.Add(id);
            }
            if (fields[2] != "exon") continue;
            if (!long.TryParse(fields[3], out long start) || !long.TryParse(fields[4], out long end) || start < 1 || end < start)
                throw new FormatException($"{displayPath}: line {lineNumber}: exon coordinates '{fields[3]}'–'{fields[4]}' are not 1 ≤ start ≤ end. Fix: correct or remove the line");
            if (!exons.TryGetValue(id, out var list)) exons[id] = list = [];
            list.Add((start, end));
        }
        var genes = new List<GeneAnnotation>(order.Count);
        foreach (var id in order)
        {
            if (!exons.TryGetValue(id, out var list)) continue; // a gene line without exons has no length
            list.Sort();
            long length = 0, runStart = list[0].Start, runEnd = list[0].End;
            foreach (var (s, e) in list.Skip(1))
            {
                if (s > runEnd + 1) { length += runEnd - runStart + 1; runStart = s; runEnd = e; }
                else runEnd = Math.Max(runEnd, e); // overlapping or adjacent: one run
            }
            length += runEnd - runStart + 1;
            genes.Add(new GeneAnnotation(id, info[id].Name, info[id].Type, length));
        }
        return genes;
    }

    /// <summary>The value of <c>key "value";</c> in a GTF attribute column.</summary>
    private static string? Attribute(string attributes, string key)
    {
        int at = 0;
        while ((at = attributes.IndexOf(key, at, StringComparison.Ordinal)) >= 0)
        {
            bool boundary = at == 0 || attributes[at - 1] is ' ' or ';';
            int after = at + key.Length;
            if (boundary && after < attributes.Length && attributes[after] == ' ')
            {
                int open = attributes.IndexOf('"', after);
                int close = open < 0 ? -1 : attributes.IndexOf('"', open + 1);
                if (open >= 0 && close > open) return attributes[(open + 1)..close];
            }
            at = after;
        }
        return null;
    }
}
