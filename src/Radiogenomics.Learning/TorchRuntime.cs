using Radiogenomics.Learning.Interop;
using static Radiogenomics.Learning.Interop.TorchBridgeNative;

namespace Radiogenomics.Learning;

/// <summary>Process-wide libtorch settings and device queries.</summary>
public static class TorchRuntime
{
    /// <summary>Where the native bridge will be loaded from (null: left to the system loader), without loading it.</summary>
    public static string? BridgeLibraryPath => TorchBridgeLibrary.Locate();

    /// <summary>The libtorch version the bridge was compiled against, e.g. "1.13.0".</summary>
    public static string TorchVersion
    {
        get
        {
            Check(rgt_torch_version(out var version));
            return System.Runtime.InteropServices.Marshal.PtrToStringUTF8(version) ?? string.Empty;
        }
    }

    public static bool IsCudaAvailable
    {
        get
        {
            Check(rgt_cuda_is_available(out var available));
            return available != 0;
        }
    }

    public static int CudaDeviceCount
    {
        get
        {
            Check(rgt_cuda_device_count(out var count));
            return count;
        }
    }

    /// <summary>Intra-op threads used by libtorch for every later call, whichever thread makes it.</summary>
    public static int ThreadCount
    {
        get
        {
            Check(rgt_get_num_threads(out var threads));
            return threads;
        }
        set => Check(rgt_set_num_threads(value));
    }

    public static unsafe string GetCudaDeviceName(int index) =>
        ReadString((byte* buffer, int capacity, out int length) => rgt_cuda_device_name(index, buffer, capacity, out length));

    /// <summary>
    /// Seeds libtorch's default generators. Models whose config has no seed draw theirs from here, so
    /// the same seed and thread count give bit-identical CPU results.
    /// </summary>
    public static void SetSeed(ulong seed) => Check(rgt_set_seed(seed));

    /// <summary>
    /// Flushes denormal floats to zero on the CPU (on by default, as in TensorFlow): denormals in
    /// gradients otherwise slow training several-fold.
    /// </summary>
    public static void SetFlushDenormals(bool enabled) => Check(rgt_set_flush_denormals(enabled ? 1 : 0));

    /// <summary>Prefers deterministic kernels (cuDNN included); CPU kernels already are for a fixed thread count.</summary>
    public static void SetDeterministic(bool enabled) => Check(rgt_set_deterministic(enabled ? 1 : 0));
}
