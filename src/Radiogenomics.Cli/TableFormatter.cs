using System.Globalization;
using Radiogenomics.Tables;

namespace Radiogenomics.Cli;

/// <summary>Turns table cells into short text for the console (R-like: NA for null, 6 significant digits).</summary>
public static class TableFormatter
{
    public static string[] FormatColumn(Table table, Column column)
    {
        var name = column.Name;
        string[] text = column.Type switch
        {
            ColumnType.Double => table.GetNullableDoubles(name).Select(v => v is { } d ? d.ToString("G6", CultureInfo.InvariantCulture) : "NA").ToArray(),
            ColumnType.Float => table.GetNullableFloats(name).Select(v => v is { } d ? d.ToString("G6", CultureInfo.InvariantCulture) : "NA").ToArray(),
            ColumnType.Int32 => table.GetNullableInt32s(name).Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "NA").ToArray(),
            ColumnType.Int64 => table.GetNullableInt64s(name).Select(v => v?.ToString(CultureInfo.InvariantCulture) ?? "NA").ToArray(),
            ColumnType.Bool => table.GetNullableBools(name).Select(v => v is { } b ? (b ? "TRUE" : "FALSE") : "NA").ToArray(),
            ColumnType.String => table.GetStrings(name).Select(v => v ?? "NA").ToArray(),
            ColumnType.FloatArray => table.GetFloatArrays(name).Select(v => v is null ? "NA" : $"float[{v.Length}]").ToArray(),
            _ => Enumerable.Repeat("?", table.RowCount).ToArray(),
        };
        return text;
    }
}
