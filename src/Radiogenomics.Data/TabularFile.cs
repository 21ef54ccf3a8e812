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

    public static TabularFile Read(string fullPath, string displayPath) => Read(fullPath, displayPath, null);

    /// <param name="database">A DuckDB connection to read CSV/TSV through (reused across many files: opening one costs milliseconds); null opens one for this file.</param>
    public static TabularFile Read(string fullPath, string displayPath, DuckDbConnection? database)
    {
        string ext = Path.GetExtension(fullPath).ToLowerInvariant();
        try
        {
            if (ext == ".parquet") return NotEmpty(new TabularFile(displayPath, ParquetFile.Read(fullPath), text: false));
            if (ext is not (".csv" or ".tsv" or ".txt"))
                throw new DataProblemException(displayPath, "file", $"'{ext}' is not a table format this stage reads", "use .csv, .tsv or .parquet");
            RequireUtf8(fullPath, displayPath);
            using var owned = database is null ? new DuckDbConnection() : null;
            var db = database ?? owned!;
            string delim = ext == ".csv" ? "," : "\\t";
            var table = db.Query($"SELECT * FROM read_csv('{fullPath.Replace("'", "''")}', header = true, all_varchar = true, delim = '{delim}', quote = '\"')");
            return NotEmpty(new TabularFile(displayPath, table, text: true));
        }
        catch (DuckDbException e)
        {
            throw new DataProblemException(displayPath, "file", "could not be read as a table: " + e.Message.Split('\n')[0], "check that it is a header-first CSV/TSV or a Parquet file");
        }
        catch (ArgumentException e) when (e.ParamName == "column")
        {
            throw new DataProblemException(displayPath, "header", "names a column twice: " + e.Message.Split(" (Parameter")[0], "give every column its own name");
        }
    }

    /// <summary>A header with no rows would be cached as an empty table and fail a later stage far from its cause: stop here.</summary>
    private static TabularFile NotEmpty(TabularFile file)
    {
        if (file.RowCount == 0)
            throw new DataProblemException(file.DisplayPath, file._text ? "line 2" : "file", "has a header but no data rows",
                "add the data rows, or remove the file from the stage's inputs");
        return file;
    }

    /// <summary>
    /// Text tables must be UTF-8 (an ASCII file is UTF-8 too); a file saved as Latin-1 or Windows-1252 (Excel's
    /// "CSV" on Windows) or UTF-16 is named with its first bad line instead of a parser error that never says "encoding".
    /// </summary>
    private static void RequireUtf8(string fullPath, string displayPath)
    {
        const string fix = "save it as UTF-8 (e.g. Excel: \"CSV UTF-8\"; or iconv -f windows-1252 -t utf-8 in.csv > out.csv)";
        var bytes = File.ReadAllBytes(fullPath);
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            throw new DataProblemException(displayPath, "file", "is UTF-16 text (it starts with a UTF-16 byte-order mark), not UTF-8", fix);
        int nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            int nulLine = 1;
            for (int i = 0; i < nul; i++) if (bytes[i] == (byte)'\n') nulLine++;
            throw new DataProblemException(displayPath, $"line {nulLine}, byte {nul + 1}",
                "holds a NUL byte (0x00), which text never does: the file is binary, UTF-16, or damaged", fix);
        }
        var strict = new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            strict.GetCharCount(bytes);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            int at = e.Index >= 0 && e.Index < bytes.Length ? e.Index : FirstInvalid(bytes);
            int line = 1;
            for (int i = 0; i < at; i++) if (bytes[i] == (byte)'\n') line++;
            throw new DataProblemException(displayPath, $"line {line}, byte {at + 1}",
                $"is not UTF-8 text: byte 0x{bytes[at]:X2} cannot start or continue a UTF-8 character (the file is probably Latin-1 or Windows-1252)", fix);
        }
    }

    private static int FirstInvalid(byte[] bytes)
    {
        var decoder = new System.Text.UTF8Encoding(false, true);
        int lo = 0, hi = bytes.Length; // the shortest prefix that fails to decode ends at the bad byte
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            try { decoder.GetCharCount(bytes, 0, mid + 1); lo = mid + 1; }
            catch (System.Text.DecoderFallbackException) { hi = mid; }
        }
        return Math.Min(lo, bytes.Length - 1);
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
