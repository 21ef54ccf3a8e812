using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Radiogenomics.DataSources;

/// <summary>
/// A GDC search filter in the API's JSON syntax: leaves <c>{"op": "in", "content": {"field": …, "value": […]}}</c>
/// combined with <c>{"op": "and", "content": [ … ]}</c>. Immutable; <see cref="ToJson"/> gives what the API expects.
/// </summary>
public sealed class GdcFilter
{
    private static readonly HashSet<string> LeafOperators = ["=", "!=", "<", "<=", ">", ">=", "in", "exclude", "excludeifany", "is", "not"];
    private readonly JsonObject _node;

    private GdcFilter(JsonObject node) => _node = node;

    /// <summary>field is one of values (the usual GDC filter).</summary>
    public static GdcFilter In(string field, params IEnumerable<string> values)
    {
        var array = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        if (array.Count == 0) throw new ArgumentException("an 'in' filter needs at least one value", nameof(values));
        return Leaf("in", field, array);
    }

    public static GdcFilter Equal(string field, string value) => Leaf("=", field, JsonValue.Create(value));

    public static GdcFilter NotEqual(string field, string value) => Leaf("!=", field, JsonValue.Create(value));

    /// <summary>Any leaf operator (=, !=, &lt;, &lt;=, &gt;, &gt;=, in, exclude, excludeifany, is, not) with a JSON-serialisable value.</summary>
    public static GdcFilter Compare(string op, string field, object value)
    {
        if (!LeafOperators.Contains(op)) throw new ArgumentException($"'{op}' is not a GDC filter operator; use one of {string.Join(" ", LeafOperators)}", nameof(op));
        return Leaf(op, field, JsonSerializer.SerializeToNode(value));
    }

    /// <summary>field has no value ("is missing").</summary>
    public static GdcFilter IsMissing(string field) => Leaf("is", field, JsonValue.Create("MISSING"));

    public static GdcFilter And(params IEnumerable<GdcFilter> filters) => Group("and", filters);

    public static GdcFilter Or(params IEnumerable<GdcFilter> filters) => Group("or", filters);

    /// <summary>Request bodies are not HTML, so operators like "&gt;=" stay readable instead of becoming \u003E=.</summary>
    internal static JsonSerializerOptions BodyOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => _node.ToJsonString(BodyOptions);

    public override string ToString() => ToJson();

    internal JsonObject ToNode() => (JsonObject)_node.DeepClone();

    private static GdcFilter Leaf(string op, string field, JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        return new GdcFilter(new JsonObject
        {
            ["op"] = op,
            ["content"] = new JsonObject { ["field"] = field, ["value"] = value },
        });
    }

    private static GdcFilter Group(string op, IEnumerable<GdcFilter> filters)
    {
        var parts = filters.Select(f => (JsonNode?)f.ToNode()).ToArray();
        if (parts.Length == 0) throw new ArgumentException($"'{op}' needs at least one filter", nameof(filters));
        return new GdcFilter(new JsonObject { ["op"] = op, ["content"] = new JsonArray(parts) });
    }
}
