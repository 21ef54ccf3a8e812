using System.Globalization;
using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>
/// Lenient field access for archive JSON. NBIA builds its JSON from database rows (org.json), so a null column is
/// simply absent, numbers may come as strings and flags as "YES"/"NO"; GDC omits fields it has no value for.
/// Missing or unusable values read as null instead of failing the whole listing.
/// </summary>
internal static class JsonRead
{
    public static JsonElement? Get(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        if (obj.TryGetProperty(name, out var exact)) return exact.ValueKind == JsonValueKind.Null ? null : exact;
        foreach (var property in obj.EnumerateObject())
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                return property.Value.ValueKind == JsonValueKind.Null ? null : property.Value;
        return null;
    }

    /// <summary>The first of several names present (field renamed between API versions).</summary>
    public static JsonElement? Get(JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
            if (Get(obj, name) is { } value) return value;
        return null;
    }

    public static string? String(JsonElement obj, params ReadOnlySpan<string> names) => Get(obj, names) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v => v.GetRawText(),
        _ => null,
    };

    public static long? Int64(JsonElement obj, params ReadOnlySpan<string> names)
    {
        var value = Double(obj, names);
        return value is { } d && d == Math.Floor(d) && Math.Abs(d) < 9.0e18 ? (long)d : null;
    }

    public static int? Int32(JsonElement obj, params ReadOnlySpan<string> names) =>
        Int64(obj, names) is { } v and >= int.MinValue and <= int.MaxValue ? (int)v : null;

    public static double? Double(JsonElement obj, params ReadOnlySpan<string> names) => Get(obj, names) switch
    {
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        { ValueKind: JsonValueKind.String } s when double.TryParse(s.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static bool? Bool(JsonElement obj, params ReadOnlySpan<string> names) => Get(obj, names) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s => s.GetString()?.Trim().ToLowerInvariant() switch
        {
            "yes" or "y" or "true" or "1" => true,
            "no" or "n" or "false" or "0" => false,
            _ => null,
        },
        { ValueKind: JsonValueKind.Number } n => n.GetDouble() != 0,
        _ => null,
    };

    public static IEnumerable<JsonElement> Array(JsonElement obj, string name) =>
        Get(obj, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static JsonElement? Object(JsonElement obj, string name) =>
        Get(obj, name) is { ValueKind: JsonValueKind.Object } o ? o : null;

    /// <summary>Parses a response body, naming the request when it is not JSON (e.g. an HTML error page from a proxy).</summary>
    public static JsonDocument Parse(string body, string what)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            var start = body.Length > 200 ? body[..200] + "…" : body;
            throw new InvalidDataException($"{what} did not return JSON ({e.Message}); it began: {start}", e);
        }
    }
}
