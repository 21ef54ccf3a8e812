namespace Radiogenomics.Genomics;

/// <summary>Minimal reader for R's <c>write.csv</c> output (quoted fields, no embedded quotes or newlines).</summary>
internal static class CsvText
{
    public static List<Dictionary<string, string>> Read(TextReader reader)
    {
        var header = Split(reader.ReadLine() ?? throw new FormatException("Empty CSV."));
        var rows = new List<Dictionary<string, string>>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            var cells = Split(line);
            if (cells.Count != header.Count) throw new FormatException($"Row has {cells.Count} cells, header has {header.Count}: {line}");
            var row = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (int i = 0; i < header.Count; i++) row[header[i]] = cells[i];
            rows.Add(row);
        }
        return rows;
    }

    private static List<string> Split(string line)
    {
        var cells = new List<string>();
        int i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                int end = line.IndexOf('"', i + 1);
                if (end < 0) throw new FormatException($"Unterminated quote: {line}");
                cells.Add(line[(i + 1)..end]);
                i = end + 2;   // skip the closing quote and the comma
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                cells.Add(line[i..end]);
                i = end + 1;
            }
        }
        return cells;
    }

    /// <summary>A missing value (<see cref="MissingValues"/>: R's NA, empty, …) to null, otherwise the trimmed text.</summary>
    public static string? OrNull(string text) => MissingValues.IsMissing(text) ? null : text.Trim();

    public static double Number(string text) =>
        OrNull(text) is { } t ? double.Parse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture) : double.NaN;
}
