using System.Diagnostics;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// One writer per workspace. The lock is an OS file lock on <c>cache/lock</c> (flock on Unix, share
/// mode on Windows), so the kernel drops it when the holder dies, even by kill -9: no stale lock to
/// clear by hand. Who holds it is written to <c>cache/lock.info</c> for the waiting side's message.
/// </summary>
public sealed class WorkspaceLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _infoPath;

    private WorkspaceLock(FileStream stream, string infoPath)
    {
        _stream = stream;
        _infoPath = infoPath;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the lock; calls <paramref name="onWaiting"/> once with the holder.</summary>
    public static async Task<WorkspaceLock> AcquireAsync(Workspace workspace, TimeSpan timeout, string purpose, Action<string>? onWaiting = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(workspace.CacheDirectory);
        string infoPath = workspace.LockPath + ".info";
        var clock = Stopwatch.StartNew();
        bool told = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(workspace.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                File.WriteAllText(infoPath, $"pid {Environment.ProcessId} on {Environment.MachineName}, {purpose}, since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z");
                return new WorkspaceLock(stream, infoPath);
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                if (!told)
                {
                    onWaiting?.Invoke(Holder(infoPath));
                    told = true;
                }
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                throw new WorkspaceBusyException(
                    $"the workspace {workspace.Root} is in use by {Holder(infoPath)}; waited {timeout.TotalSeconds:0} s. " +
                    "Wait for that run to finish, or pass a longer --lock-timeout.");
            }
        }
    }

    private static string Holder(string infoPath)
    {
        try { return File.Exists(infoPath) ? File.ReadAllText(infoPath) : "another run"; }
        catch (IOException) { return "another run"; }
    }

    public void Dispose()
    {
        try { File.Delete(_infoPath); } catch (IOException) { }
        _stream.Dispose();
    }
}
