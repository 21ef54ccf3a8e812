using Radiogenomics.Engine.Execution;
using Radiogenomics.Learning;

namespace Radiogenomics.Stages;

/// <summary>
/// Asks the libtorch bridge whether CUDA is usable, so <c>device: auto</c> picks the GPU when one is
/// present. Without the bridge (not built yet) every stage runs on the CPU, and the reason is kept.
/// On a machine without any GPU driver the answer is known without loading libtorch (seconds, which a plan or a
/// no-op rerun would otherwise spend on every invocation): CUDA needs the NVIDIA driver's device nodes (ROCm's
/// <c>/dev/kfd</c>, WSL's <c>/dev/dxg</c>), so where none exists no libtorch can see a GPU.
/// </summary>
public sealed class TorchDeviceProbe : IDeviceProbe
{
    private readonly Lazy<(bool Gpu, string Description)> _probe = new(Probe);

    public bool GpuAvailable => _probe.Value.Gpu;

    public string Describe() => _probe.Value.Description;

    private static readonly string[] GpuDriverPaths = ["/dev/nvidiactl", "/proc/driver/nvidia", "/dev/kfd", "/dev/dxg"];

    private static (bool, string) Probe()
    {
        if (OperatingSystem.IsLinux() && !GpuDriverPaths.Any(p => File.Exists(p) || Directory.Exists(p)))
            return (false, $"cpu (no GPU driver on this machine: none of {string.Join(", ", GpuDriverPaths)})");
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
