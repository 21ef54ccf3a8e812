using System.Globalization;
using Radiogenomics.Tables;

namespace Radiogenomics.Data;

/// <summary>
/// Reads a user table (CSV, TSV or Parquet) into columns, with errors that name the file, the row and
/// the column. CSV/TSV cells are read as text by DuckDB and parsed here, so a bad cell is reported
/// precisely instead of silently turning the whole column into text.
/// </summary>
public sealed class TabularFile
{
    private TabularFile(string displayPath, Table table, bool text)
    {
        DisplayPath = displayPath;
        Table = table;
        _text = text;
    }

    private readonly bool _text;
    public string DisplayPath { get; }
    public Table Table { get; }
    public int RowCount => Table.RowCount;

    /// <summary>A stage's Parquet output (a cache file, named by hash without extension) under a readable name.</summary>
    public static TabularFile FromTable(Table table, string displayPath) => new(displayPath, table, text: false);

    public static TabularFile Read(string fullPath, string displayPath)
    {
        string ext = Path.GetExtension(fullPath).ToLowerInvariant();
        try
        {
            if (ext == ".parquet") return new TabularFile(displayPath, ParquetFile.Read(fullPath), text: false);
            if (ext is not (".csv" or ".tsv" or ".txt"))
                throw new DataProblemException(displayPath, "file", $"'{ext}' is not a table format this stage reads", "use .csv, .tsv or .parquet");
            using var db = new DuckDbConnection();
            string delim = ext == ".csv" ? "," : "\\t";
            var table = db.Query($"SELECT * FROM read_csv('{fullPath.Replace("'", "''")}', header = true, all_varchar = true, delim = '{delim}', quote = '\"')");
            return new TabularFile(displayPath, table, text: true);
        }
        catch (DuckDbException e)
        {
            throw new DataProblemException(displayPath, "file", "could not be read as a table: " + e.Message.Split('\n')[0], "check that it is a header-first CSV/TSV or a Parquet file");
        }
    }

    public bool HasColumn(string name) => Table.Contains(name);

    public string[] Strings(string column)
    {
        RequireColumn(column);
        var col = Table[column];
        if (col.Type == ColumnType.String) return Table.GetStrings(column).Select(s => s ?? "").ToArray();
        return Numbers(column, allowMissing: true).Select(v => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>A numeric column as doubles; missing cells become NaN when allowed, else an error naming the row.</summary>
    public double[] Numbers(string column, bool allowMissing)
    {
        RequireColumn(column);
        var col = Table[column];
        var result = new double[Table.RowCount];
        switch (col.Type)
        {
            case ColumnType.String:
                var cells = Table.GetStrings(column);
                for (int i = 0; i < cells.Length; i++)
                {
                    string cell = (cells[i] ?? "").Trim();
                    if (MissingValues.Tokens.Contains(cell)) result[i] = double.NaN;
                    else if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
                        throw new DataProblemException(DisplayPath, RowLabel(i) + $", column '{column}'", $"'{cell}' is not a number", "correct the cell, or leave it empty / NA for a missing value");
                }
                break;
            case ColumnType.Double: result = Table.GetNullableDoubles(column).Select(v => v ?? double.NaN).ToArray(); break;
            case ColumnType.Float: result = Table.GetNullableFloats(column).Select(v => v is { } f ? f : double.NaN).ToArray(); break;
            case ColumnType.Int32: result = Table.GetNullableInt32s(column).Select(v => v is { } f ? f : double.NaN).ToArray(); break;
            case ColumnType.Int64: result = Table.GetNullableInt64s(column).Select(v => v is { } f ? (double)f : double.NaN).ToArray(); break;
            case ColumnType.Bool: result = Table.GetNullableBools(column).Select(v => v is { } b ? (b ? 1.0 : 0.0) : double.NaN).ToArray(); break;
            default: throw new DataProblemException(DisplayPath, $"column '{column}'", $"has type {col.Type}, not a number", "give one number per cell");
        }
        if (!allowMissing)
            for (int i = 0; i < result.Length; i++)
                if (!double.IsFinite(result[i]))
                    throw new DataProblemException(DisplayPath, RowLabel(i) + $", column '{column}'", "value is missing or not finite", "impute it or drop the feature before the association");
        return result;
    }

    /// <summary>"row 12 (line 13)" for text files, where line 1 is the header.</summary>
    public string RowLabel(int index) => _text ? $"row {index + 1} (line {index + 2})" : $"row {index + 1}";

    private void RequireColumn(string column)
    {
        if (!Table.Contains(column))
            throw new DataProblemException(DisplayPath, "header", $"has no column '{column}'{ColumnSuggestion.DidYouMean(column, Table.ColumnNames)}",
                "rename the column or set the stage's column parameter");
    }
}
