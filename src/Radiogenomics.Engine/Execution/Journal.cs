using Radiogenomics.Engine.Caching;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// "Started" markers: written before a stage executes and removed after its record is committed, so a
/// stage killed mid-way is reported as interrupted (and rerun) instead of silently trusted.
/// </summary>
internal static class Journal
{
    private static string PathOf(Workspace workspace, string workflow, string stageId) =>
        Path.Combine(workspace.JournalDirectory, RecordStore.Sanitize(workflow), stageId + ".started");

    public static void Start(Workspace workspace, string workflow, string stageId, string runId) =>
        AtomicFile.WriteAllText(PathOf(workspace, workflow, stageId), runId);

    public static void Finish(Workspace workspace, string workflow, string stageId)
    {
        var path = PathOf(workspace, workflow, stageId);
        if (File.Exists(path)) File.Delete(path);
    }

    public static string? Interrupted(Workspace workspace, string workflow, string stageId)
    {
        var path = PathOf(workspace, workflow, stageId);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
