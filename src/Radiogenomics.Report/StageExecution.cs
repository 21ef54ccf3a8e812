using System.Text.Json.Nodes;

namespace Radiogenomics.Report;

/// <summary>One stage of an archived run as its RO-Crate records it: status (cached, executed, failed, skipped) and why, times, failure, facts and result files.</summary>
public sealed record StageExecution
{
    public required string StageId { get; init; }
    public required string Kind { get; init; }
    /// <summary>cached, executed, failed or skipped.</summary>
    public required string Status { get; init; }
    public string Description { get; init; } = "";
    public string? Error { get; init; }
    public string? ErrorDetail { get; init; }
    public DateTimeOffset? StartedUtc { get; init; }
    public DateTimeOffset? EndedUtc { get; init; }
    public string Device { get; init; } = "";
    public JsonObject Facts { get; init; } = [];
    /// <summary>Output name → run-folder-relative path (results/&lt;stage&gt;/&lt;output&gt;.&lt;ext&gt;).</summary>
    public IReadOnlyDictionary<string, string> Results { get; init; } = new Dictionary<string, string>();
    /// <summary>Run-folder-relative result files of other stages this one read (results/&lt;stage&gt;/&lt;output&gt;.&lt;ext&gt;).</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
    /// <summary>The stage's parameters as the crate records them (name → value as written).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Run-folder-relative logs and failure reports.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    public TimeSpan? Elapsed => StartedUtc is { } s && EndedUtc is { } e ? e - s : null;

    /// <summary>The sentences kept under a fact name (warnings, headlines).</summary>
    public IReadOnlyList<string> FactLines(string fact) => Facts[fact] switch
    {
        JsonArray array => array.Select(e => e?.ToString() ?? "").ToList(),
        null => [],
        var v => [v.ToString()],
    };
}
