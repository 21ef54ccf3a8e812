using Radiogenomics.Engine.Execution;
using Radiogenomics.Learning;

namespace Radiogenomics.Stages;

/// <summary>
/// Asks the libtorch bridge whether CUDA is usable, so <c>device: auto</c> picks the GPU when one is
/// present. Without the bridge (not built yet) every stage runs on the CPU, and the reason is kept.
/// </summary>
public sealed class TorchDeviceProbe : IDeviceProbe
{
    private readonly Lazy<(bool Gpu, string Description)> _probe = new(Probe);

    public bool GpuAvailable => _probe.Value.Gpu;

    public string Describe() => _probe.Value.Description;

    private static (bool, string) Probe()
    {
        try
        {
            if (!TorchRuntime.IsCudaAvailable) return (false, $"cpu (libtorch {TorchRuntime.TorchVersion} sees no CUDA device)");
            var names = Enumerable.Range(0, TorchRuntime.CudaDeviceCount).Select(TorchRuntime.GetCudaDeviceName);
            return (true, $"cuda: {string.Join(", ", names)}");
        }
        catch (Exception e) when (e is DllNotFoundException or TorchBridgeException or EntryPointNotFoundException or InvalidOperationException or TypeInitializationException)
        {
            return (false, "cpu (libtorch bridge unavailable: " + e.Message.Split('\n')[0] + ")");
        }
    }
}
