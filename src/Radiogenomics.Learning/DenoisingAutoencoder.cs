using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Radiogenomics.Learning.Interop;
using static Radiogenomics.Learning.Interop.TorchBridgeNative;

namespace Radiogenomics.Learning;

/// <summary>
/// A convolutional denoising autoencoder held by libtorch. Images cross as float spans of
/// N × <see cref="InputSize"/> values (each image channels × rows × columns, row-major).
/// Not thread-safe: use one instance from one thread at a time.
/// </summary>
public sealed class DenoisingAutoencoder : IDisposable
{
    private readonly ModelHandle model;
    private TrainerHandle? trainer;

    private DenoisingAutoencoder(AutoencoderConfig config, ModelHandle model)
    {
        Config = config;
        this.model = model;
        using var description = JsonDocument.Parse(ReadDescription());
        var root = description.RootElement;
        Device = root.GetProperty("device").GetString() ?? "cpu";
        Seed = root.GetProperty("seed").GetUInt64();
        FeatureCount = root.GetProperty("feature_count").GetInt32();
        ParameterCount = root.GetProperty("parameter_count").GetInt64();
        Parameters = root.GetProperty("parameters").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray()))
            .ToArray();
    }

    public AutoencoderConfig Config { get; }

    /// <summary>The device the model lives on, e.g. "cpu" or "cuda:0".</summary>
    public string Device { get; }

    /// <summary>The seed actually used (the config's, or one drawn from the runtime's generator).</summary>
    public ulong Seed { get; }

    /// <summary>Floats per image.</summary>
    public int InputSize => Config.InputSize;

    /// <summary>Features per image (4,096 for both presets).</summary>
    public int FeatureCount { get; }

    public long ParameterCount { get; }

    /// <summary>Parameter names (e.g. "encoder.0.weight") and shapes, in the model's order.</summary>
    internal IReadOnlyList<(string Name, int[] Shape)> Parameters { get; }

    /// <summary>Builds the model; the native side validates the config and reports what is wrong with it.</summary>
    public static DenoisingAutoencoder Create(AutoencoderConfig config, TorchDevice? device = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var deviceName = device?.Name ?? TorchDevice.Auto.Name;
        Check(rgt_model_create(config.ToModelJson(), deviceName, out var handle));
        try
        {
            return new DenoisingAutoencoder(config, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>One epoch in an order shuffled by the model's seeded generator; returns the epoch's mean loss.</summary>
    public double TrainEpoch(
        ReadOnlySpan<float> images, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Train(images, default, useOrder: false, progress, cancellationToken);

    /// <summary>One epoch visiting images in the given order (indices into <paramref name="images"/>).</summary>
    public double TrainEpoch(
        ReadOnlySpan<float> images,
        ReadOnlySpan<long> order,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (order.IsEmpty)
        {
            throw new ArgumentException("order must not be empty", nameof(order));
        }

        return Train(images, order, useOrder: true, progress, cancellationToken);
    }

    /// <summary>Mean reconstruction loss (MSE) per image on clean inputs.</summary>
    public unsafe double Evaluate(ReadOnlySpan<float> images)
    {
        var count = CountImages(images, allowEmpty: false);
        double loss;
        fixed (float* inputs = images)
        {
            Check(rgt_model_evaluate(model, inputs, count, Config.BatchSize, out loss));
        }

        return loss;
    }

    public float[] Encode(ReadOnlySpan<float> images)
    {
        var features = new float[CountImages(images, allowEmpty: true) * FeatureCount];
        Encode(images, features);
        return features;
    }

    /// <summary>Writes N × <see cref="FeatureCount"/> features, index = kernel·H·W + row·W + column within an image.</summary>
    public unsafe void Encode(ReadOnlySpan<float> images, Span<float> features)
    {
        var count = CountImages(images, allowEmpty: true);
        RequireLength(features, count * FeatureCount, nameof(features));
        fixed (float* inputs = images)
        fixed (float* outputs = features)
        {
            Check(rgt_model_encode(model, inputs, count, Config.BatchSize, outputs, features.Length));
        }
    }

    /// <summary>The reconstructions of the images, same layout as the input.</summary>
    public unsafe float[] Reconstruct(ReadOnlySpan<float> images)
    {
        var count = CountImages(images, allowEmpty: true);
        var outputs = new float[count * InputSize];
        fixed (float* inputs = images)
        fixed (float* results = outputs)
        {
            Check(rgt_model_reconstruct(model, inputs, count, Config.BatchSize, results, outputs.Length));
        }

        return outputs;
    }

    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Check(rgt_model_save(model, path));
    }

    /// <summary>
    /// Replaces the weights with ones saved from the same architecture. The optimizer restarts,
    /// since its moments are not part of the file.
    /// </summary>
    public void Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Check(rgt_model_load(model, path));
        trainer?.Dispose();
        trainer = null;
        AverageIn = false; // the loaded weights are the model's own; a new trainer starts a new average
    }

    /// <summary>
    /// Swaps the model's weights with the trainer's moving average (<see cref="AutoencoderConfig.AverageDecay"/>):
    /// once to evaluate, encode or save the averaged model, again to train on. Training refuses while the average is in.
    /// </summary>
    public void SwapAveragedWeights()
    {
        if (trainer is null) throw new InvalidOperationException("no training step yet: there is no average to swap in");
        Check(rgt_trainer_swap_average(trainer));
        AverageIn = !AverageIn;
    }

    /// <summary>Whether the model holds the averaged weights (after an odd number of <see cref="SwapAveragedWeights"/>).</summary>
    public bool AverageIn { get; private set; }

    internal unsafe float[] GetParameter(string name)
    {
        var shape = Parameters.FirstOrDefault(p => p.Name == name).Shape
            ?? throw new ArgumentException($"no parameter named '{name}'", nameof(name));
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        fixed (float* buffer = values)
        {
            Check(rgt_model_get_parameter(model, name, buffer, values.Length));
        }

        return values;
    }

    public void Dispose()
    {
        trainer?.Dispose();
        model.Dispose();
    }

    private unsafe string ReadDescription() =>
        ReadString((byte* buffer, int capacity, out int length) => rgt_model_describe(model, buffer, capacity, out length));

    private unsafe double Train(
        ReadOnlySpan<float> images,
        ReadOnlySpan<long> order,
        bool useOrder,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        var count = CountImages(images, allowEmpty: false);
        cancellationToken.ThrowIfCancellationRequested();
        if (trainer is null)
        {
            Check(rgt_trainer_create(model, Config.ToTrainerJson(), out var created));
            trainer = created;
        }

        var state = new EpochState(progress);
        var stateHandle = GCHandle.Alloc(state);
        int status;
        double loss;
        try
        {
            using var registration = cancellationToken.Register(static s => ((EpochState)s!).RequestCancel(), state);
            fixed (float* inputs = images)
            fixed (long* visit = order)
            fixed (int* cancel = state.CancelFlag)
            {
                status = rgt_trainer_train_epoch(
                    trainer,
                    inputs,
                    count,
                    useOrder ? visit : null,
                    useOrder ? order.Length : 0,
                    progress is null ? null : &ReportProgress,
                    GCHandle.ToIntPtr(stateHandle),
                    cancel,
                    out loss);
            }
        }
        finally
        {
            stateHandle.Free();
        }

        state.Failure?.Throw();
        if (status == (int)TorchBridgeStatus.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(LastErrorOr("training cancelled"), cancellationToken);
        }

        Check(status);
        return loss;

        static string LastErrorOr(string fallback) => LastError() is { Length: > 0 } message ? message : fallback;
    }

    // Runs on the training thread inside the native call: nothing may propagate from here.
    [UnmanagedCallersOnly]
    private static void ReportProgress(nint userData, long batchesDone, long batchCount, double runningLoss)
    {
        var state = (EpochState)GCHandle.FromIntPtr(userData).Target!;
        try
        {
            state.Progress?.Report(new TrainingProgress(batchesDone, batchCount, runningLoss));
        }
        catch (Exception e)
        {
            state.Failure ??= ExceptionDispatchInfo.Capture(e);
            state.RequestCancel();
        }
    }

    private long CountImages(ReadOnlySpan<float> images, bool allowEmpty)
    {
        ObjectDisposedException.ThrowIf(model.IsClosed, this);
        if (images.Length % InputSize != 0)
        {
            throw new ArgumentException(
                $"expected a multiple of {InputSize} floats ({Config.InputChannels}×{Config.InputHeight}×{Config.InputWidth} per image), got {images.Length}",
                nameof(images));
        }

        if (!allowEmpty && images.IsEmpty)
        {
            throw new ArgumentException("no images given", nameof(images));
        }

        return images.Length / InputSize;
    }

    private static void RequireLength(Span<float> buffer, long expected, string name)
    {
        if (buffer.Length != expected)
        {
            throw new ArgumentException($"expected {expected} floats, got {buffer.Length}", name);
        }
    }

    private sealed class EpochState(IProgress<TrainingProgress>? progress)
    {
        public IProgress<TrainingProgress>? Progress { get; } = progress;

        // Pinned so the native loop can poll it while managed code (a token callback) sets it.
        public int[] CancelFlag { get; } = GC.AllocateArray<int>(1, pinned: true);

        public ExceptionDispatchInfo? Failure { get; set; }

        public void RequestCancel() => Volatile.Write(ref CancelFlag[0], 1);
    }
}
