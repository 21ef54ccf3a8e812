namespace Radiogenomics.Engine.Caching;

/// <summary>
/// <c>rg fsck</c>: re-hashes every object of the content store whatever its stat says (the check that also catches
/// damage below the file system, which the stat-based check on read cannot see), moves damaged objects to
/// <c>cache/corrupt/</c> so that the next run rebuilds them, and lists state pointers whose objects are gone
/// (those stages rerun on the next run; nothing is lost but time).
/// </summary>
public sealed class StoreChecker(Workspace workspace)
{
    public StoreCheckReport Check(Action<int, int>? progress = null)
    {
        var store = new ContentStore(workspace);
        var records = new RecordStore(workspace);
        var users = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (workflow, state) in records.AllStates())
            foreach (var (name, o) in state.Outputs)
            {
                if (!users.TryGetValue(o.Sha256, out var list)) users[o.Sha256] = list = [];
                list.Add($"{workflow}/{state.StageId}/{name}");
            }

        var digests = store.All().ToList();
        var damaged = new List<string>();
        long bytes = 0;
        int done = 0;
        foreach (var digest in digests)
        {
            bytes += new FileInfo(store.PathOf(digest)).Length;
            if (!store.Verify(digest))
            {
                string moved = store.Quarantine(digest);
                string usedBy = users.TryGetValue(digest, out var u) ? $" (output {string.Join(", ", u)})" : " (no current state uses it)";
                damaged.Add($"{digest[..12]}…{usedBy}: moved to {Path.GetRelativePath(workspace.Root, moved)}");
            }
            progress?.Invoke(++done, digests.Count);
        }
        store.SaveChecks();
        var missing = users.Where(kv => !store.Contains(kv.Key)).SelectMany(kv => kv.Value).Order(StringComparer.Ordinal).ToList();
        return new StoreCheckReport(digests.Count, bytes, damaged, missing);
    }
}
