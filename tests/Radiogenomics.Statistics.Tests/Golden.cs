using System.Globalization;

namespace Radiogenomics.Statistics.Tests;

/// <summary>Reads the CSV files written by golden/make_golden.R (copied next to the test assembly).</summary>
internal static class Golden
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    /// <summary>Rows of a CSV as column-name → text dictionaries (the files contain no quoted commas).</summary>
    public static List<Dictionary<string, string>> Read(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, file));
        var header = lines[0].Split(',');
        var rows = new List<Dictionary<string, string>>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != header.Length) throw new FormatException($"{file}:{i + 1}: {cells.Length} cells, header has {header.Length}.");
            var row = new Dictionary<string, string>(header.Length);
            for (int j = 0; j < header.Length; j++) row[header[j]] = cells[j];
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>R's number text to double; "NA" (and R's "NaN") become NaN, "Inf"/"-Inf" infinities.</summary>
    public static double Number(string text) => text switch
    {
        "NA" or "NaN" or "" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
