using System.Globalization;

namespace Radiogenomics.Engine.Stages;

/// <summary>
/// A stage's parameters after defaults are applied and types are checked. Values are
/// string, long, double, bool, IReadOnlyList&lt;string&gt; or IReadOnlyList&lt;double&gt; (or null).
/// </summary>
public sealed class ResolvedParameters
{
    private readonly SortedDictionary<string, object?> _values;

    public ResolvedParameters(IDictionary<string, object?> values) =>
        _values = new SortedDictionary<string, object?>(values, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, object?> Values => _values;

    public object? this[string name] => _values.TryGetValue(name, out var v) ? v : throw Missing(name);

    public string GetString(string name) => this[name] as string ?? throw Mistyped(name, "string");
    public string? GetOptionalString(string name) => this[name] as string;
    public long GetInteger(string name) => this[name] is long l ? l : throw Mistyped(name, "integer");
    public int GetInt32(string name) => checked((int)GetInteger(name));
    public double GetNumber(string name) => this[name] switch { double d => d, long l => l, _ => throw Mistyped(name, "number") };
    public bool GetBoolean(string name) => this[name] is bool b ? b : throw Mistyped(name, "boolean");
    public IReadOnlyList<string> GetStrings(string name) => this[name] as IReadOnlyList<string> ?? throw Mistyped(name, "list of strings");
    public IReadOnlyList<double> GetNumbers(string name) => this[name] as IReadOnlyList<double> ?? throw Mistyped(name, "list of numbers");

    /// <summary>Canonical JSON (sorted keys, invariant round-trip numbers): the form that is hashed.</summary>
    public string ToCanonicalJson() => Hashing.CanonicalJson.Serialize(_values);

    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        IEnumerable<string> l => "[" + string.Join(", ", l) + "]",
        IEnumerable<double> l => "[" + string.Join(", ", l.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]",
        _ => value.ToString() ?? "",
    };

    private static KeyNotFoundException Missing(string name) => new($"parameter '{name}' is not declared by this stage kind");
    private InvalidCastException Mistyped(string name, string type) => new($"parameter '{name}' is {Format(_values[name])}, not a {type}");
}
