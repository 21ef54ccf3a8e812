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

    /// <summary>
    /// The key and stage id of the state pointer, or null when there is none or it is unreadable; what a cache hit needs to
    /// know whether the pointer must move. Read from the file's first bytes, where the serializer puts them: the whole record
    /// of a fetch stage lists every file it wrote (megabytes). A pointer laid out otherwise is read whole.
    /// </summary>
    public (string Key, string StageId)? LastStateHead(string workflow, string stageId)
    {
        string path = StatePath(workflow, stageId);
        byte[] head;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            head = new byte[(int)Math.Min(stream.Length, HeadBytes)];
            stream.ReadExactly(head);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        if (ReadHead(head) is { } found) return found;
        return LastState(workflow, stageId) is { } whole ? (whole.Key, whole.StageId) : null;
    }

    private const int HeadBytes = 4096;

    /// <summary>The top-level "key" and "stage_id" strings when both come before the first nested value, else null.</summary>
    private static (string, string)? ReadHead(byte[] head)
    {
        var reader = new Utf8JsonReader(head, isFinalBlock: false, state: default);
        string? key = null, stageId = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (key is null || stageId is null)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName) return null;
                string name = reader.GetString()!;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return null;
                if (name == "key") key = reader.GetString();
                else if (name == "stage_id") stageId = reader.GetString();
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return (key, stageId);
    }

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
