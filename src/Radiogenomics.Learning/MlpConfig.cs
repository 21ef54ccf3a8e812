using System.Text.Json;

namespace Radiogenomics.Learning;

/// <summary>
/// Architecture of a <see cref="MultilayerPerceptron"/>: dense layers InputSize → Hidden… → OutputSize, the activation
/// and (in training) dropout after every hidden layer, and an optional output activation. Parameters are named
/// "layers.{i}.weight" ([out, in]) and "layers.{i}.bias", i counting the hidden layers and then the output layer.
/// </summary>
public sealed record MlpConfig
{
    public required int InputSize { get; init; }

    public IReadOnlyList<int> Hidden { get; init; } = [];

    public int OutputSize { get; init; } = 1;

    public MlpActivation Activation { get; init; } = MlpActivation.Relu;

    public MlpOutputActivation OutputActivation { get; init; } = MlpOutputActivation.Linear;

    /// <summary>Probability of zeroing a hidden unit in training (kept units are scaled by 1 / (1 − p)).</summary>
    public double Dropout { get; init; }

    public MlpInit Init { get; init; } = MlpInit.Pytorch;

    /// <summary>Which hidden layer (1-based) <see cref="MultilayerPerceptron.Encode"/> returns; null: the last.</summary>
    public int? FeatureLayer { get; init; }

    /// <summary>Seed of the initial weights; null draws one from the runtime's generator (<see cref="TorchRuntime.SetSeed"/>).</summary>
    public ulong? Seed { get; init; }

    internal string ToModelJson()
    {
        var model = new Dictionary<string, object>
        {
            ["kind"] = "mlp",
            ["input_size"] = InputSize,
            ["hidden"] = Hidden.ToArray(),
            ["output_size"] = OutputSize,
            ["activation"] = Activation.ToString().ToLowerInvariant(),
            ["output_activation"] = OutputActivation.ToString().ToLowerInvariant(),
            ["dropout"] = Dropout,
            ["init"] = Init == MlpInit.GlorotUniform ? "glorot_uniform" : "pytorch",
        };
        if (FeatureLayer is { } layer) model["feature_layer"] = layer;
        if (Seed is { } seed) model["seed"] = seed;
        return JsonSerializer.Serialize(model);
    }
}
