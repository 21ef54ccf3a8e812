using System.Text.Json;

namespace Radiogenomics.Learning;

/// <summary>Loss, optimiser and mini-batch settings of a <see cref="MultilayerPerceptron"/>'s training.</summary>
public sealed record MlpTrainingOptions
{
    public MlpLoss Loss { get; init; } = MlpLoss.MeanSquaredError;

    public MlpOptimizer Optimizer { get; init; } = MlpOptimizer.Adam;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum (0: plain SGD).</summary>
    public double Momentum { get; init; }

    public bool Nesterov { get; init; }

    /// <summary>L2 penalty added to the gradient of every parameter (torch's weight_decay).</summary>
    public double WeightDecay { get; init; }

    public int BatchSize { get; init; } = 64;

    public MlpSchedule Schedule { get; init; } = MlpSchedule.Constant;

    /// <summary>Epochs between decays of the step schedule.</summary>
    public int StepSize { get; init; } = 1;

    /// <summary>Decay factor of the step and exponential schedules.</summary>
    public double Gamma { get; init; } = 1.0;

    /// <summary>Decay rate of the inverse-time schedule.</summary>
    public double DecayRate { get; init; }

    /// <summary>Seed of the dropout masks (and of the bridge's own shuffle when no order is given); null: derived from the model's seed.</summary>
    public ulong? Seed { get; init; }

    internal string ToTrainerJson()
    {
        var options = new Dictionary<string, object>
        {
            ["optimizer"] = Optimizer == MlpOptimizer.Sgd ? "sgd" : "adam",
            ["learning_rate"] = LearningRate,
            ["momentum"] = Momentum,
            ["nesterov"] = Nesterov,
            ["weight_decay"] = WeightDecay,
            ["batch_size"] = BatchSize,
            ["input_noise_std"] = 0.0,
            ["loss"] = Loss switch
            {
                MlpLoss.MeanAbsoluteError => "mae",
                MlpLoss.BinaryCrossEntropy => "bce",
                MlpLoss.Cox => "cox",
                _ => "mse",
            },
            ["schedule"] = Schedule switch
            {
                MlpSchedule.Step => "step",
                MlpSchedule.Exponential => "exponential",
                MlpSchedule.InverseTime => "inverse_time",
                _ => "constant",
            },
            ["step_size"] = StepSize,
            ["gamma"] = Gamma,
            ["decay_rate"] = DecayRate,
        };
        if (Seed is { } seed) options["seed"] = seed;
        return JsonSerializer.Serialize(options);
    }

    /// <summary>Targets per sample the loss needs: time and event for Cox, else one per output.</summary>
    public int TargetWidth(int outputSize) => Loss == MlpLoss.Cox ? 2 : outputSize;
}
