using System.Globalization;
using System.Text;
using System.Text.Json;
using Radiogenomics.Tables;

namespace Radiogenomics.Cli;

/// <summary>
/// A query result as machine-readable text: CSV (RFC 4180 quoting, NA for a missing value as R's read.csv expects,
/// doubles at full round-trip precision) or JSON (an array of row objects, null for missing, NaN and infinities).
/// </summary>
public static class QueryOutput
{
    public static void WriteCsv(Table table, TextWriter output)
    {
        output.Write(string.Join(',', table.Columns.Select(c => Quote(c.Name))) + "\n");
        var cells = table.Columns.Select(c => Cells(table, c)).ToList();
        var line = new StringBuilder();
        for (int row = 0; row < table.RowCount; row++)
        {
            line.Clear();
            for (int c = 0; c < cells.Count; c++)
            {
                if (c > 0) line.Append(',');
                line.Append(cells[c][row] switch
                {
                    null => "NA",
                    string s => Quote(s),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    float f => f.ToString("R", CultureInfo.InvariantCulture),
                    bool b => b ? "TRUE" : "FALSE",
                    IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                    var o => Quote(o.ToString() ?? ""),
                });
            }
            output.Write(line.Append('\n').ToString());
        }
    }

    public static void WriteJson(Table table, Stream output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        var cells = table.Columns.Select(c => Cells(table, c)).ToList();
        json.WriteStartArray();
        for (int row = 0; row < table.RowCount; row++)
        {
            json.WriteStartObject();
            for (int c = 0; c < cells.Count; c++)
            {
                json.WritePropertyName(table.Columns[c].Name);
                switch (cells[c][row])
                {
                    case null: json.WriteNullValue(); break;
                    case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                    case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
                    case double or float: json.WriteNullValue(); break;
                    case int i: json.WriteNumberValue(i); break;
                    case long l: json.WriteNumberValue(l); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case float[] a:
                        json.WriteStartArray();
                        foreach (var v in a) if (float.IsFinite(v)) json.WriteNumberValue(v); else json.WriteNullValue();
                        json.WriteEndArray();
                        break;
                    case var o: json.WriteStringValue(o.ToString()); break;
                }
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static object?[] Cells(Table table, Column column) => column.Type switch
    {
        ColumnType.Double => table.GetNullableDoubles(column.Name).Select(v => (object?)v).ToArray(),
        ColumnType.Float => table.GetNullableFloats(column.Name).Select(v => (object?)v).ToArray(),
        ColumnType.Int32 => table.GetNullableInt32s(column.Name).Select(v => (object?)v).ToArray(),
        ColumnType.Int64 => table.GetNullableInt64s(column.Name).Select(v => (object?)v).ToArray(),
        ColumnType.Bool => table.GetNullableBools(column.Name).Select(v => (object?)v).ToArray(),
        ColumnType.String => table.GetStrings(column.Name).Select(v => (object?)v).ToArray(),
        ColumnType.FloatArray => table.GetFloatArrays(column.Name).Select(v => (object?)v).ToArray(),
        _ => new object?[table.RowCount],
    };

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
