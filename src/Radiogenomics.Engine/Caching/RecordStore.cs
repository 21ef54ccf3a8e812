using System.Text.Json;
using System.Text.Json.Serialization;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Stage records by key (<c>cache/records/ab/key.json</c>), plus a per-workflow state pointer for each
/// stage id (<c>cache/state/workflow/stage.json</c>) that says what that stage last produced: the
/// diffable "lock file" that rerun reasons are computed against.
/// </summary>
public sealed class RecordStore(Workspace workspace)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string RecordPath(string key) => Path.Combine(workspace.RecordsDirectory, key[..2], key + ".json");

    public StageRecord? Find(string key) => Read(RecordPath(key));

    public void Save(StageRecord record) => AtomicFile.WriteAllText(RecordPath(record.Key), JsonSerializer.Serialize(record, Json));

    public string StatePath(string workflow, string stageId) => Path.Combine(workspace.StateDirectory, Sanitize(workflow), stageId + ".json");

    public StageRecord? LastState(string workflow, string stageId) => Read(StatePath(workflow, stageId));

    public void SaveState(string workflow, StageRecord record) =>
        AtomicFile.WriteAllText(StatePath(workflow, record.StageId), JsonSerializer.Serialize(record, Json));

    public IEnumerable<(string Workflow, StageRecord Record)> AllStates()
    {
        if (!Directory.Exists(workspace.StateDirectory)) yield break;
        foreach (var dir in Directory.EnumerateDirectories(workspace.StateDirectory))
        foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
            if (Read(file) is { } r) yield return (Path.GetFileName(dir), r);
    }

    public IEnumerable<StageRecord> AllRecords()
    {
        if (!Directory.Exists(workspace.RecordsDirectory)) yield break;
        foreach (var file in Directory.EnumerateFiles(workspace.RecordsDirectory, "*.json", SearchOption.AllDirectories))
            if (Read(file) is { } r) yield return r;
    }

    public void DeleteRecord(string key)
    {
        var path = RecordPath(key);
        if (File.Exists(path)) File.Delete(path);
    }

    private static StageRecord? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<StageRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null; // unreadable record = cache miss; records are written atomically, so this means outside damage
        }
    }

    internal static string Sanitize(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
