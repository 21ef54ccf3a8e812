using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// The process's cores and exclusive resources, handed out all-or-nothing to stages as they declared them
/// (<see cref="StageResources"/>). One pool per process (<see cref="Shared"/>): libtorch's thread count and the
/// cores are process-wide, whichever engine or workspace a stage runs for. Waiters are served in arrival order,
/// but a later one that fits may start while an earlier, larger one waits (a finite DAG cannot starve it).
/// </summary>
public sealed class ResourcePool(int cores)
{
    public static readonly ResourcePool Shared = new(Environment.ProcessorCount);

    private readonly object _gate = new();
    private readonly HashSet<string> _held = new(StringComparer.Ordinal);
    private readonly List<Waiter> _waiters = [];
    private int _freeCores = Math.Max(1, cores);

    public int Cores { get; } = Math.Max(1, cores);

    /// <summary>Waits until the declared resources are free and takes them; dispose the lease to give them back.</summary>
    public async Task<IDisposable> AcquireAsync(StageResources resources, Action? waiting, CancellationToken cancellationToken)
    {
        int threads = Math.Clamp(resources.Threads, 1, Cores);
        var exclusive = resources.Exclusive.Distinct(StringComparer.Ordinal).ToList();
        Waiter waiter;
        lock (_gate)
        {
            if (Fits(threads, exclusive)) return Take(threads, exclusive);
            waiter = new Waiter(threads, exclusive);
            _waiters.Add(waiter);
        }
        waiting?.Invoke();
        using (cancellationToken.Register(() => { lock (_gate) if (_waiters.Remove(waiter)) waiter.Completion.TrySetCanceled(cancellationToken); }))
            return await waiter.Completion.Task.ConfigureAwait(false);
    }

    private bool Fits(int threads, List<string> exclusive) => threads <= _freeCores && !exclusive.Any(_held.Contains);

    private Lease Take(int threads, List<string> exclusive)
    {
        _freeCores -= threads;
        foreach (var e in exclusive) _held.Add(e);
        return new Lease(this, threads, exclusive);
    }

    private void Give(int threads, List<string> exclusive)
    {
        var granted = new List<(Waiter, Lease)>();
        lock (_gate)
        {
            _freeCores += threads;
            foreach (var e in exclusive) _held.Remove(e);
            foreach (var w in _waiters.ToList())
                if (Fits(w.Threads, w.Exclusive))
                {
                    _waiters.Remove(w);
                    granted.Add((w, Take(w.Threads, w.Exclusive)));
                }
        }
        // Completed outside the lock: continuations must not run while it is held.
        foreach (var (w, lease) in granted)
            if (!w.Completion.TrySetResult(lease)) lease.Dispose();
    }

    private sealed record Waiter(int Threads, List<string> Exclusive)
    {
        public TaskCompletionSource<IDisposable> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lease(ResourcePool pool, int threads, List<string> exclusive) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) pool.Give(threads, exclusive);
        }
    }
}
