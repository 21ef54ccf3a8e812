using System.Text.Json;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Says why a stage must run by diffing its key components with what the stage last produced:
/// "params.alpha changed 0.05→0.01", "input data/expression.tsv content changed",
/// "stage code version changed 1→2", "upstream normalize output changed".
/// </summary>
public static class RerunExplainer
{
    public static List<string> Explain(KeyComponents now, StageRecord? last)
    {
        if (last is null) return ["never run"];
        var was = last.Components;
        var reasons = new List<string>();
        // A different kind makes every other difference a consequence: say only that.
        if (was.Kind != now.Kind) return [$"stage kind changed {was.Kind}→{now.Kind}"];
        if (was.KindVersion != now.KindVersion) reasons.Add($"stage code version changed {was.KindVersion}→{now.KindVersion}");
        if (was.AssemblyVersion != now.AssemblyVersion) reasons.Add($"engine version changed {was.AssemblyVersion}→{now.AssemblyVersion}");
        if (CodeChanges(was.Code, now.Code) is { } code) reasons.Add(code);
        reasons.AddRange(ParameterChanges(was.ParametersJson, now.ParametersJson));
        reasons.AddRange(SourceChanges(was.Sources, now.Sources));
        reasons.AddRange(UpstreamChanges(was.Upstream, now.Upstream));
        foreach (var key in was.Facts.Keys.Union(now.Facts.Keys).Order(StringComparer.Ordinal))
        {
            was.Facts.TryGetValue(key, out var a);
            now.Facts.TryGetValue(key, out var b);
            if (a != b) reasons.Add($"{key} changed {a ?? "(none)"}→{b ?? "(none)"}");
        }
        return reasons;
    }

    /// <summary>"stage code changed (Radiogenomics.Statistics)": names the assemblies or libraries whose digest differs.</summary>
    private static string? CodeChanges(IReadOnlyDictionary<string, string> was, IReadOnlyDictionary<string, string> now)
    {
        var changed = was.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Where(k => was.GetValueOrDefault(k) != now.GetValueOrDefault(k)).ToList();
        if (changed.Count == 0) return null;
        // A record written before code identity existed has no digests at all: nothing specific to name.
        if (was.Count == 0) return "stage code changed (not identified before)";
        return $"stage code changed ({string.Join(", ", changed.Take(4))}{(changed.Count > 4 ? $" and {changed.Count - 4} more" : "")})";
    }

    private static IEnumerable<string> ParameterChanges(string wasJson, string nowJson)
    {
        var a = Flatten(wasJson);
        var b = Flatten(nowJson);
        foreach (var name in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            bool inA = a.TryGetValue(name, out var va), inB = b.TryGetValue(name, out var vb);
            if (inA && inB && va != vb) yield return $"params.{name} changed {va}→{vb}";
            else if (!inA) yield return $"params.{name} added ({vb})";
            else if (!inB) yield return $"params.{name} removed (was {va})";
        }
    }

    private static Dictionary<string, string> Flatten(string json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(json);
        foreach (var p in doc.RootElement.EnumerateObject())
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        return result;
    }

    private static IEnumerable<string> SourceChanges(IReadOnlyList<SourceInput> was, IReadOnlyList<SourceInput> now)
    {
        var a = was.ToDictionary(s => (s.Slot, s.Path));
        var b = now.ToDictionary(s => (s.Slot, s.Path));
        int changed = 0, added = 0, removed = 0;
        var lines = new List<string>();
        foreach (var (k, s) in b)
            if (!a.TryGetValue(k, out var old)) { if (added++ < 3) lines.Add($"input {s.Path} added"); }
            else if (old.Sha256 != s.Sha256) { if (changed++ < 3) lines.Add($"input {s.Path} content changed"); }
        foreach (var (k, s) in a)
            if (!b.ContainsKey(k) && removed++ < 3) lines.Add($"input {s.Path} removed");
        // A DICOM tree can change thousands of files at once; name three and count the rest.
        int more = Math.Max(0, changed - 3) + Math.Max(0, added - 3) + Math.Max(0, removed - 3);
        if (more > 0) lines.Add($"and {more} more input files changed, added or removed");
        return lines;
    }

    private static IEnumerable<string> UpstreamChanges(IReadOnlyList<UpstreamInput> was, IReadOnlyList<UpstreamInput> now)
    {
        var a = was.GroupBy(u => u.Name).ToDictionary(g => g.Key, g => g.First());
        var reported = new HashSet<string>();
        foreach (var u in now)
            if (!a.TryGetValue(u.Name, out var old) || old.Sha256 != u.Sha256)
                if (reported.Add(u.Stage)) yield return $"upstream {u.Stage} output changed";
        foreach (var u in was)
            if (now.All(n => n.Name != u.Name) && reported.Add(u.Stage))
                yield return $"upstream {u.Stage} output {u.Name} no longer provided";
    }
}
