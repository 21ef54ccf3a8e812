using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Radiogenomics.Engine.Hashing;

/// <summary>
/// Canonical JSON for hashing: objects with keys in ordinal order, no whitespace, invariant culture,
/// round-trip ("R") doubles, integers as integers. The same value always gives the same bytes,
/// whatever the process, culture or dictionary insertion order.
/// </summary>
public static class CanonicalJson
{
    public static string Serialize(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case string s: sb.Append(JsonSerializer.Serialize(s)); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case int i: sb.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case long l: sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case double d:
                if (!double.IsFinite(d)) throw new ArgumentException("canonical JSON cannot hold NaN or infinity");
                // Whole doubles stay distinguishable from integers: 1.0 and 1 are different parameter values.
                string r = d.ToString("R", CultureInfo.InvariantCulture);
                sb.Append(r.Contains('.') || r.Contains('E') ? r : r + ".0");
                break;
            case IDictionary dict:
                var keys = dict.Keys.Cast<object>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture)!).OrderBy(k => k, StringComparer.Ordinal).ToList();
                var lookup = dict.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!, k => dict[k]);
                sb.Append('{');
                for (int i = 0; i < keys.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append(JsonSerializer.Serialize(keys[i])).Append(':');
                    Write(sb, lookup[keys[i]]);
                }
                sb.Append('}');
                break;
            case IEnumerable seq:
                sb.Append('[');
                bool first = true;
                foreach (var item in seq)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    Write(sb, item);
                }
                sb.Append(']');
                break;
            default:
                throw new ArgumentException($"canonical JSON does not handle {value.GetType().Name}");
        }
    }
}
