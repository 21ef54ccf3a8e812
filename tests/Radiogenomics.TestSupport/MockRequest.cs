namespace Radiogenomics.TestSupport;

/// <summary>A request as the mock server received it.</summary>
public sealed record MockRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Path => Target.Split('?')[0];

    public string Query => Target.Contains('?') ? Target[(Target.IndexOf('?') + 1)..] : "";

    public IReadOnlyDictionary<string, string> QueryParameters =>
        Query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>The start of a "Range: bytes=N-" header, if any.</summary>
    public long? RangeStart
    {
        get
        {
            var range = Header("Range");
            if (range is null || !range.StartsWith("bytes=", StringComparison.Ordinal)) return null;
            var spec = range["bytes=".Length..];
            return long.Parse(spec[..spec.IndexOf('-')]);
        }
    }
}
