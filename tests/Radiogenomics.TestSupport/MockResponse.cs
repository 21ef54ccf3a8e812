using System.Text;

namespace Radiogenomics.TestSupport;

/// <summary>What the mock server answers. It can cut the connection or stall part-way through the body.</summary>
public sealed record MockResponse(int Status, byte[] Body)
{
    public List<(string Name, string Value)> Headers { get; init; } = [];

    /// <summary>Close the connection after this many body bytes (Content-Length still announces the full body).</summary>
    public int? DropAfter { get; init; }

    /// <summary>Stop sending after this many body bytes and hold the connection open for <see cref="StallFor"/>.</summary>
    public int? StallAfter { get; init; }

    public TimeSpan StallFor { get; init; } = TimeSpan.FromSeconds(5);

    public static MockResponse Json(string json, int status = 200) =>
        new(status, Encoding.UTF8.GetBytes(json)) { Headers = [("Content-Type", "application/json")] };

    public static MockResponse Text(string text, int status = 200) =>
        new(status, Encoding.UTF8.GetBytes(text)) { Headers = [("Content-Type", "text/plain")] };

    public static MockResponse Empty(int status = 200) => new(status, []);

    /// <summary>Serves <paramref name="content"/> honouring "Range: bytes=N-" with 206 / 416, as GDC's data endpoint does.</summary>
    public static MockResponse File(byte[] content, MockRequest request, string? etag = null)
    {
        var headers = new List<(string, string)> { ("Content-Type", "application/octet-stream"), ("Accept-Ranges", "bytes") };
        if (etag is not null) headers.Add(("ETag", etag));
        if (request.RangeStart is not { } start) return new MockResponse(200, content) { Headers = headers };
        if (start >= content.Length)
            return new MockResponse(416, []) { Headers = [.. headers, ("Content-Range", $"bytes */{content.Length}")] };
        return new MockResponse(206, content[(int)start..])
        {
            Headers = [.. headers, ("Content-Range", $"bytes {start}-{content.Length - 1}/{content.Length}")],
        };
    }
}
