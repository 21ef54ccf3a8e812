namespace Radiogenomics.Stages;

/// <summary>
/// One libtorch stage at a time per process. libtorch's thread count is process-wide (and OpenMP's per calling
/// thread), so two stages with different <c>threads</c> would change each other's setting — and with it the bits
/// of CPU results, which are reproducible only for a fixed thread count. Each already uses every core, so running
/// them one after the other costs nothing.
/// </summary>
internal static class TorchStageGate
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static IDisposable Enter(Engine.Stages.StageContext context, CancellationToken cancellationToken)
    {
        if (!Gate.Wait(0))
        {
            context.Report(0.0, "waiting for another libtorch stage to finish");
            Gate.Wait(cancellationToken);
        }
        return new Release();
    }

    private sealed class Release : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) Gate.Release();
        }
    }
}
