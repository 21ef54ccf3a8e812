using System.Runtime.InteropServices;

namespace Radiogenomics.Learning.Interop;

/// <summary>
/// Declarations of native/include/radiogenomics_torch.h. Every call returns a status; use
/// <see cref="Check"/> right after it, on the same thread, so the thread-local message is the right one.
/// </summary>
internal static unsafe partial class TorchBridgeNative
{
    private const string Library = TorchBridgeLibrary.ImportName;

    static TorchBridgeNative() => TorchBridgeLibrary.Register();

    internal static void Check(int status)
    {
        if (status != 0)
        {
            throw new TorchBridgeException((TorchBridgeStatus)status, LastError());
        }
    }

    internal static string LastError() => Marshal.PtrToStringUTF8(rgt_last_error()) ?? string.Empty;

    // Functions that write a string into a caller buffer report its full length; retry once if it did not fit.
    internal delegate int StringWriter(byte* buffer, int capacity, out int length);

    internal static string ReadString(StringWriter write)
    {
        var capacity = 256;
        while (true)
        {
            var buffer = new byte[capacity];
            int length;
            fixed (byte* pointer = buffer)
            {
                Check(write(pointer, capacity, out length));
            }

            if (length < capacity)
            {
                return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
            }

            capacity = length + 1;
        }
    }

    [LibraryImport(Library)]
    internal static partial nint rgt_last_error();

    [LibraryImport(Library)]
    internal static partial int rgt_abi_version(out int version);

    [LibraryImport(Library)]
    internal static partial int rgt_torch_version(out nint version);

    [LibraryImport(Library)]
    internal static partial int rgt_set_seed(ulong seed);

    [LibraryImport(Library)]
    internal static partial int rgt_set_num_threads(int threads);

    [LibraryImport(Library)]
    internal static partial int rgt_get_num_threads(out int threads);

    [LibraryImport(Library)]
    internal static partial int rgt_set_flush_denormals(int enabled);

    [LibraryImport(Library)]
    internal static partial int rgt_set_deterministic(int enabled);

    [LibraryImport(Library)]
    internal static partial int rgt_cuda_is_available(out int available);

    [LibraryImport(Library)]
    internal static partial int rgt_cuda_device_count(out int count);

    [LibraryImport(Library)]
    internal static partial int rgt_cuda_device_name(int index, byte* buffer, int capacity, out int length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_model_create(string configJson, string device, out ModelHandle model);

    [LibraryImport(Library)]
    internal static partial int rgt_model_free(nint model);

    [LibraryImport(Library)]
    internal static partial int rgt_model_describe(ModelHandle model, byte* buffer, int capacity, out int length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_model_get_parameter(ModelHandle model, string name, float* buffer, long length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_model_set_parameter(ModelHandle model, string name, float* buffer, long length);

    [LibraryImport(Library)]
    internal static partial int rgt_model_predict(
        ModelHandle model, float* inputs, long count, long batchSize, float* outputs, long outputsLength);

    [LibraryImport(Library)]
    internal static partial int rgt_trainer_fit_epoch(
        TrainerHandle trainer,
        float* inputs,
        long count,
        float* targets,
        long targetWidth,
        long* order,
        long orderLength,
        delegate* unmanaged<nint, long, long, double, void> progress,
        nint userData,
        int* cancel,
        out double meanLoss);

    [LibraryImport(Library)]
    internal static partial int rgt_trainer_evaluate(
        TrainerHandle trainer, float* inputs, long count, float* targets, long targetWidth, out double meanLoss);

    [LibraryImport(Library)]
    internal static partial int rgt_model_evaluate(ModelHandle model, float* inputs, long count, long batchSize, out double meanLoss);

    [LibraryImport(Library)]
    internal static partial int rgt_model_encode(
        ModelHandle model, float* inputs, long count, long batchSize, float* features, long featuresLength);

    [LibraryImport(Library)]
    internal static partial int rgt_model_reconstruct(
        ModelHandle model, float* inputs, long count, long batchSize, float* outputs, long outputsLength);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_model_save(ModelHandle model, string path);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_model_load(ModelHandle model, string path);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_trainer_create(ModelHandle model, string optionsJson, out TrainerHandle trainer);

    [LibraryImport(Library)]
    internal static partial int rgt_trainer_free(nint trainer);

    [LibraryImport(Library)]
    internal static partial int rgt_trainer_swap_average(TrainerHandle trainer);

    [LibraryImport(Library)]
    internal static partial int rgt_trainer_train_epoch(
        TrainerHandle trainer,
        float* inputs,
        long count,
        long* order,
        long orderLength,
        delegate* unmanaged<nint, long, long, double, void> progress,
        nint userData,
        int* cancel,
        out double meanLoss);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_script_load(string path, string device, out ScriptHandle script);

    [LibraryImport(Library)]
    internal static partial int rgt_script_free(nint script);

    [LibraryImport(Library)]
    internal static partial int rgt_script_describe(ScriptHandle script, byte* buffer, int capacity, out int length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_script_feature_shape(
        ScriptHandle script, string? layer, int channels, int height, int width, long* shape, int capacity, out int rank);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_script_features(
        ScriptHandle script,
        string? layer,
        float* inputs,
        long count,
        int channels,
        int height,
        int width,
        long batchSize,
        float* features,
        long featuresLength);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rgt_script_build_sequential(string specJson, string path);
}
