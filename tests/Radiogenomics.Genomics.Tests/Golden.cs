using System.Globalization;

namespace Radiogenomics.Genomics.Tests;

/// <summary>Reads the CSV files written by golden/*/make_*_golden.R (copied next to the test assembly).</summary>
internal static class Golden
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    public static string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>Header and rows of a CSV (the files contain no quoted commas).</summary>
    public static (string[] Header, List<string[]> Rows) Read(string file)
    {
        var lines = File.ReadAllLines(PathOf(file));
        var header = lines[0].Split(',');
        var rows = new List<string[]>(lines.Length - 1);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var cells = lines[i].Split(',');
            if (cells.Length != header.Length) throw new FormatException($"{file}:{i + 1}: {cells.Length} cells, header has {header.Length}.");
            rows.Add(cells);
        }
        return (header, rows);
    }

    /// <summary>Rows of a CSV as column-name → text dictionaries.</summary>
    public static List<Dictionary<string, string>> Records(string file)
    {
        var (header, rows) = Read(file);
        return rows.Select(r => header.Select((h, j) => (h, r[j])).ToDictionary(p => p.h, p => p.Item2)).ToList();
    }

    /// <summary>A matrix CSV (first column = row names, other columns = samples).</summary>
    public static ExpressionMatrix Matrix(string file)
    {
        var (header, rows) = Read(file);
        var samples = header.Skip(1).ToArray();
        var genes = rows.Select(r => r[0]).ToArray();
        var values = new double[genes.Length * samples.Length];
        for (int g = 0; g < genes.Length; g++)
            for (int j = 0; j < samples.Length; j++) values[g * samples.Length + j] = Number(rows[g][j + 1]);
        return new ExpressionMatrix(genes, samples, values);
    }

    /// <summary>R's number text to double; "NA"/"NaN" become NaN, "Inf"/"-Inf" infinities.</summary>
    public static double Number(string text) => text switch
    {
        "NA" or "NaN" or "" => double.NaN,
        "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
