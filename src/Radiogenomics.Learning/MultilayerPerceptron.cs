using System.Text.Json;
using Radiogenomics.Learning.Interop;
using static Radiogenomics.Learning.Interop.TorchBridgeNative;

namespace Radiogenomics.Learning;

/// <summary>
/// A multilayer perceptron held by libtorch (the bridge's "mlp" kind) with its trainer: DeepSurv's risk network
/// (Cox loss), a classifier (binary cross-entropy), a regression (MAE) or a dense autoencoder (MSE reconstruction).
/// Samples cross as N × <see cref="MlpConfig.InputSize"/> floats, row-major. Weights go in and out by parameter name,
/// so an encoder can initialise a supervised network and early stopping can restore the best epoch.
/// On the CPU the same seeds, orders and thread count give the same bits. Not thread-safe.
/// </summary>
public sealed class MultilayerPerceptron : IDisposable
{
    private readonly ModelHandle model;
    private readonly TrainerHandle trainer;

    private unsafe MultilayerPerceptron(MlpConfig config, MlpTrainingOptions training, ModelHandle model, TrainerHandle trainer)
    {
        Config = config;
        Training = training;
        this.model = model;
        this.trainer = trainer;
        using var description = JsonDocument.Parse(
            ReadString((byte* buffer, int capacity, out int length) => rgt_model_describe(model, buffer, capacity, out length)));
        var root = description.RootElement;
        Device = root.GetProperty("device").GetString() ?? "cpu";
        Seed = root.GetProperty("seed").GetUInt64();
        FeatureCount = root.GetProperty("feature_count").GetInt32();
        Parameters = root.GetProperty("parameters").EnumerateArray()
            .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray()))
            .ToArray();
    }

    public MlpConfig Config { get; }

    public MlpTrainingOptions Training { get; }

    /// <summary>The device the model lives on, e.g. "cpu" or "cuda:0".</summary>
    public string Device { get; }

    /// <summary>The seed of the initial weights actually used.</summary>
    public ulong Seed { get; }

    /// <summary>Width of <see cref="Encode"/>'s output (the feature layer's units).</summary>
    public int FeatureCount { get; }

    /// <summary>Targets per sample that <see cref="FitEpoch"/> and <see cref="Evaluate"/> take.</summary>
    public int TargetWidth => Training.TargetWidth(Config.OutputSize);

    /// <summary>Parameter names ("layers.0.weight", …) and shapes in the model's order.</summary>
    public IReadOnlyList<(string Name, int[] Shape)> Parameters { get; }

    public static unsafe MultilayerPerceptron Create(MlpConfig config, MlpTrainingOptions training, TorchDevice? device = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(training);
        Check(rgt_model_create(config.ToModelJson(), (device ?? TorchDevice.Auto).Name, out var modelHandle));
        TrainerHandle? trainerHandle = null;
        try
        {
            Check(rgt_trainer_create(modelHandle, training.ToTrainerJson(), out trainerHandle));
            return new MultilayerPerceptron(config, training, modelHandle, trainerHandle);
        }
        catch
        {
            trainerHandle?.Dispose();
            modelHandle.Dispose();
            throw;
        }
    }

    /// <summary>One epoch over the samples in the given order (indices, each batch the next BatchSize of them); returns the batch-size-weighted mean loss.</summary>
    public unsafe double FitEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<long> order,
        CancellationToken cancellationToken = default)
    {
        long count = CountSamples(inputs, allowEmpty: false);
        CheckTargets(targets, count);
        if (order.IsEmpty) throw new ArgumentException("order must not be empty", nameof(order));
        cancellationToken.ThrowIfCancellationRequested();
        var cancelFlag = GC.AllocateArray<int>(1, pinned: true);
        using var registration = cancellationToken.Register(() => Volatile.Write(ref cancelFlag[0], 1));
        int status;
        double loss;
        fixed (float* x = inputs)
        fixed (float* y = targets)
        fixed (long* visit = order)
        fixed (int* cancel = cancelFlag)
        {
            status = rgt_trainer_fit_epoch(trainer, x, count, y, TargetWidth, visit, order.Length, null, 0, cancel, out loss);
        }

        if (status == (int)TorchBridgeStatus.Cancelled && cancellationToken.IsCancellationRequested)
            throw new OperationCanceledException("training cancelled", cancellationToken);
        Check(status);
        return loss;
    }

    /// <summary>The training loss on all samples at once (a Cox loss: one risk set), without dropout.</summary>
    public unsafe double Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        long count = CountSamples(inputs, allowEmpty: false);
        CheckTargets(targets, count);
        double loss;
        fixed (float* x = inputs)
        fixed (float* y = targets)
        {
            Check(rgt_trainer_evaluate(trainer, x, count, y, TargetWidth, out loss));
        }

        return loss;
    }

    /// <summary>N × OutputSize outputs without dropout (a logit for the binary cross-entropy, the risk for Cox).</summary>
    public unsafe float[] Predict(ReadOnlySpan<float> inputs)
    {
        long count = CountSamples(inputs, allowEmpty: true);
        var outputs = new float[count * Config.OutputSize];
        fixed (float* x = inputs)
        fixed (float* o = outputs)
        {
            Check(rgt_model_predict(model, x, count, Training.BatchSize, o, outputs.Length));
        }

        return outputs;
    }

    /// <summary>N × <see cref="FeatureCount"/> activations of the feature layer (no dropout).</summary>
    public unsafe float[] Encode(ReadOnlySpan<float> inputs)
    {
        long count = CountSamples(inputs, allowEmpty: true);
        var features = new float[count * FeatureCount];
        fixed (float* x = inputs)
        fixed (float* f = features)
        {
            Check(rgt_model_encode(model, x, count, Training.BatchSize, f, features.Length));
        }

        return features;
    }

    public unsafe float[] GetParameter(string name)
    {
        var values = new float[ShapeOf(name).Aggregate(1, (a, b) => a * b)];
        fixed (float* buffer = values)
        {
            Check(rgt_model_get_parameter(model, name, buffer, values.Length));
        }

        return values;
    }

    /// <summary>Overwrites one parameter; the optimiser's state (momenta) is kept.</summary>
    public unsafe void SetParameter(string name, ReadOnlySpan<float> values)
    {
        ShapeOf(name);
        fixed (float* buffer = values)
        {
            Check(rgt_model_set_parameter(model, name, buffer, values.Length));
        }
    }

    /// <summary>Every parameter by name (a snapshot: later training does not change it).</summary>
    public IReadOnlyDictionary<string, float[]> GetWeights() =>
        Parameters.ToDictionary(p => p.Name, p => GetParameter(p.Name), StringComparer.Ordinal);

    /// <summary>Overwrites the named parameters (e.g. an encoder's first layers); the others keep their values.</summary>
    public void SetWeights(IReadOnlyDictionary<string, float[]> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (name, values) in weights) SetParameter(name, values);
    }

    public void Dispose()
    {
        trainer.Dispose();
        model.Dispose();
    }

    private int[] ShapeOf(string name) =>
        Parameters.FirstOrDefault(p => p.Name == name).Shape
        ?? throw new ArgumentException($"no parameter named '{name}' (known: {string.Join(", ", Parameters.Select(p => p.Name))})", nameof(name));

    private long CountSamples(ReadOnlySpan<float> inputs, bool allowEmpty)
    {
        ObjectDisposedException.ThrowIf(model.IsClosed, this);
        if (inputs.Length % Config.InputSize != 0)
            throw new ArgumentException($"expected a multiple of {Config.InputSize} floats per sample, got {inputs.Length}", nameof(inputs));
        if (!allowEmpty && inputs.IsEmpty) throw new ArgumentException("no samples given", nameof(inputs));
        return inputs.Length / Config.InputSize;
    }

    private void CheckTargets(ReadOnlySpan<float> targets, long count)
    {
        if (targets.Length != count * TargetWidth)
            throw new ArgumentException($"expected {count} × {TargetWidth} targets, got {targets.Length}", nameof(targets));
    }
}
