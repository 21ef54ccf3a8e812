using System.Globalization;
using System.Net;
using System.Text;
using Radiogenomics.Tables;

namespace Radiogenomics.Report;

/// <summary>Escaping and the few HTML fragments every section uses (tables of result rows, figures, notes).</summary>
internal static class Html
{
    public static string Text(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string Attr(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>A JSON value inside a script element: "&lt;/" cannot end the element early.</summary>
    public static string Script(string json) => json.Replace("</", "<\\/", StringComparison.Ordinal);

    public static string Number(double v) => double.IsNaN(v) ? "NA"
        : v != 0 && (Math.Abs(v) < 1e-3 || Math.Abs(v) >= 1e6) ? v.ToString("0.###e+0", CultureInfo.InvariantCulture)
        : v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string RowCount(int shown, int total) => shown < total
        ? string.Create(CultureInfo.InvariantCulture, $" (first {shown:N0} of {total:N0} rows)")
        : string.Create(CultureInfo.InvariantCulture, $" ({total:N0} rows)");

    /// <summary>Each row of a column as text, and its number (null for text and null cells) for sorting.</summary>
    public static (string[] Text, double?[] Value) Cells(Table table, Column column)
    {
        int n = table.RowCount;
        var text = new string[n];
        var value = new double?[n];
        void FromNumbers(double?[] v)
        {
            for (int i = 0; i < n; i++) { value[i] = v[i]; text[i] = v[i] is { } d ? Number(d) : ""; }
        }
        switch (column.Type)
        {
            case ColumnType.Double: FromNumbers(table.GetNullableDoubles(column.Name)); break;
            case ColumnType.Float: FromNumbers(table.GetNullableFloats(column.Name).Select(f => (double?)f).ToArray()); break;
            case ColumnType.Int32:
                var ints = table.GetNullableInt32s(column.Name);
                for (int i = 0; i < n; i++) { value[i] = ints[i]; text[i] = ints[i]?.ToString(CultureInfo.InvariantCulture) ?? ""; }
                break;
            case ColumnType.Int64:
                var longs = table.GetNullableInt64s(column.Name);
                for (int i = 0; i < n; i++) { value[i] = longs[i]; text[i] = longs[i]?.ToString(CultureInfo.InvariantCulture) ?? ""; }
                break;
            case ColumnType.Bool:
                var bools = table.GetNullableBools(column.Name);
                for (int i = 0; i < n; i++) text[i] = bools[i] is { } b ? (b ? "true" : "false") : "";
                break;
            case ColumnType.String:
                var strings = table.GetStrings(column.Name);
                for (int i = 0; i < n; i++) text[i] = strings[i] ?? "";
                break;
            default:
                for (int i = 0; i < n; i++) text[i] = column.IsNull(i) ? "" : $"[{column.Type}]";
                break;
        }
        return (text, value);
    }

    /// <summary>
    /// A result table as HTML, at most <paramref name="maxRows"/> rows; class "data" makes it sortable (click a header)
    /// and filterable (the box above it) by the page's script. Numbers keep their raw value for sorting.
    /// </summary>
    public static string Table(Table table, int maxRows, string caption, string id)
    {
        var sb = new StringBuilder();
        int rows = Math.Min(maxRows, table.RowCount);
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"table-wrap\"><input class=\"filter\" type=\"search\" placeholder=\"filter rows…\" data-table=\"{Attr(id)}\" aria-label=\"filter {Attr(caption)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<table class=\"data\" id=\"{Attr(id)}\"><caption>{Text(caption)}{Text(RowCount(rows, table.RowCount))}</caption><thead><tr>");
        foreach (var c in table.Columns) sb.Append(CultureInfo.InvariantCulture, $"<th title=\"sort by {Attr(c.Name)}\">{Text(c.Name)}</th>");
        sb.Append("</tr></thead><tbody>\n");
        var cells = table.Columns.Select(c => Cells(table, c)).ToList();
        for (int r = 0; r < rows; r++)
        {
            sb.Append("<tr>");
            foreach (var (text, value) in cells)
                sb.Append(value[r] is { } v
                    ? $"<td class=\"num\" data-v=\"{v.ToString("R", CultureInfo.InvariantCulture)}\">{Text(text[r])}</td>"
                    : $"<td>{Text(text[r])}</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
        return sb.ToString();
    }
}
