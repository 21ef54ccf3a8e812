using System.Text.Json;

namespace Radiogenomics.Learning.Tests;

/// <summary>
/// The bridge's MLP and trainer against PyTorch 1.13 (golden/make_mlp_golden.py, the same libtorch): for each loss the
/// same initial weights (drawn by the documented rule from the seed), batch orders and dropout stream must give the
/// same loss trajectory, validation losses, final weights and predictions to 1e-6.
/// </summary>
public class MlpParityTests
{
    private const double Tolerance = 1e-6;

    public MlpParityTests() => TorchRuntime.ThreadCount = 1;

    public static TheoryData<string> Cases => new("cox", "bce", "mae", "mse");

    [Theory]
    [MemberData(nameof(Cases))]
    public void TrainingMatchesPyTorch(string name)
    {
        var golden = Golden.Load(name);
        using var model = MultilayerPerceptron.Create(golden.Config, golden.Training, TorchDevice.Cpu);
        // Initial weights: drawn from the same generator in the same order, so equal to the bit.
        foreach (var (parameter, values) in golden.Initial)
            Assert.Equal(values, model.GetParameter(parameter));

        for (int epoch = 0; epoch < golden.Epochs; epoch++)
        {
            double train = model.FitEpoch(golden.Inputs, golden.Targets, golden.Orders[epoch]);
            double validation = model.Evaluate(golden.ValidationInputs, golden.ValidationTargets);
            Assert.True(Math.Abs(train - golden.TrainLosses[epoch]) <= Tolerance,
                $"{name} epoch {epoch + 1}: train loss {train:R}, PyTorch {golden.TrainLosses[epoch]:R}");
            Assert.True(Math.Abs(validation - golden.ValidationLosses[epoch]) <= Tolerance,
                $"{name} epoch {epoch + 1}: validation loss {validation:R}, PyTorch {golden.ValidationLosses[epoch]:R}");
        }

        foreach (var (parameter, values) in golden.Final)
        {
            var actual = model.GetParameter(parameter);
            double worst = values.Select((v, i) => Math.Abs(v - actual[i])).Max();
            Assert.True(worst <= Tolerance, $"{name}: {parameter} differs by up to {worst:G3}");
        }

        var predictions = model.Predict(golden.ValidationInputs);
        double worstPrediction = golden.ValidationPredictions.Select((v, i) => Math.Abs(v - predictions[i])).Max();
        Assert.True(worstPrediction <= Tolerance, $"{name}: predictions differ by up to {worstPrediction:G3}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SameSeedsGiveTheSameBits(string name)
    {
        var golden = Golden.Load(name);
        float[] Run()
        {
            using var model = MultilayerPerceptron.Create(golden.Config, golden.Training, TorchDevice.Cpu);
            var result = MlpTrainer.Train(model, golden.Inputs, golden.Targets, golden.ValidationInputs, golden.ValidationTargets,
                epochs: 4, patience: 0, seed: 5);
            Assert.Equal(4, result.History.Count);
            return model.Predict(golden.ValidationInputs);
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestEpoch()
    {
        var golden = Golden.Load("mse");
        using var model = MultilayerPerceptron.Create(golden.Config, golden.Training with { LearningRate = 0.2 }, TorchDevice.Cpu);
        IReadOnlyDictionary<string, float[]>? kept = null;
        double best = double.PositiveInfinity;
        var result = MlpTrainer.Train(model, golden.Inputs, golden.Targets, golden.ValidationInputs, golden.ValidationTargets,
            epochs: 30, patience: 3, seed: 1, epochDone: e =>
            {
                if (e.ValidationLoss < best) (best, kept) = (e.ValidationLoss.Value, model.GetWeights());
            });
        Assert.Equal(best, result.History[result.KeptEpoch - 1].ValidationLoss);
        Assert.Equal(best, model.Evaluate(golden.ValidationInputs, golden.ValidationTargets), 12);
        foreach (var (parameter, values) in kept!) Assert.Equal(values, model.GetParameter(parameter));
    }

    [Fact]
    public void EncoderWeightsInitialiseASupervisedNetwork()
    {
        var golden = Golden.Load("mse");
        using var autoencoder = MultilayerPerceptron.Create(golden.Config with { FeatureLayer = 2 }, golden.Training, TorchDevice.Cpu);
        MlpTrainer.Train(autoencoder, golden.Inputs, golden.Targets, [], [], epochs: 3, patience: 0, seed: 2);
        var supervised = new MlpConfig { InputSize = 8, Hidden = [6, 3], OutputSize = 2, Activation = MlpActivation.Tanh, Seed = 9 };
        using var net = MultilayerPerceptron.Create(supervised, new MlpTrainingOptions { Loss = MlpLoss.MeanAbsoluteError }, TorchDevice.Cpu);
        var encoder = autoencoder.GetWeights().Where(w => w.Key.StartsWith("layers.0.", StringComparison.Ordinal) || w.Key.StartsWith("layers.1.", StringComparison.Ordinal))
            .ToDictionary(w => w.Key, w => w.Value);
        net.SetWeights(encoder);
        // The supervised net's second hidden layer is the autoencoder's code layer.
        Assert.Equal(autoencoder.Encode(golden.ValidationInputs), net.Encode(golden.ValidationInputs));
    }

    [Fact]
    public void CoxLossNeedsTimeAndEvent()
    {
        var golden = Golden.Load("cox");
        using var model = MultilayerPerceptron.Create(golden.Config, golden.Training, TorchDevice.Cpu);
        var e = Assert.Throws<ArgumentException>(() => model.Evaluate(golden.ValidationInputs, new float[golden.ValidationInputs.Length / 6]));
        Assert.Contains("targets", e.Message);
        var config = golden.Config with { OutputSize = 2 };
        var bridge = Assert.Throws<TorchBridgeException>(() =>
        {
            using var two = MultilayerPerceptron.Create(config, golden.Training, TorchDevice.Cpu);
            two.Evaluate(golden.ValidationInputs, golden.ValidationTargets);
        });
        Assert.Contains("one output", bridge.Message);
    }

    [Fact]
    public void BadConfigurationsAreNamed()
    {
        var e = Assert.Throws<TorchBridgeException>(() => MultilayerPerceptron.Create(
            new MlpConfig { InputSize = 4, Dropout = 1.5 }, new MlpTrainingOptions(), TorchDevice.Cpu));
        Assert.Contains("dropout must lie in [0, 1)", e.Message);
        e = Assert.Throws<TorchBridgeException>(() => MultilayerPerceptron.Create(
            new MlpConfig { InputSize = 4 }, new MlpTrainingOptions { Optimizer = MlpOptimizer.Sgd, Nesterov = true }, TorchDevice.Cpu));
        Assert.Contains("nesterov needs momentum", e.Message);
    }

    private sealed record Golden(
        MlpConfig Config, MlpTrainingOptions Training, int Epochs, float[] Inputs, float[] Targets, float[] ValidationInputs,
        float[] ValidationTargets, long[][] Orders, Dictionary<string, float[]> Initial, double[] TrainLosses,
        double[] ValidationLosses, Dictionary<string, float[]> Final, float[] ValidationPredictions)
    {
        public static Golden Load(string name)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "golden", $"mlp_{name}.json")));
            var root = document.RootElement;
            var m = root.GetProperty("model");
            var t = root.GetProperty("trainer");
            var config = new MlpConfig
            {
                InputSize = m.GetProperty("input_size").GetInt32(),
                Hidden = m.GetProperty("hidden").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
                OutputSize = m.GetProperty("output_size").GetInt32(),
                Activation = Enum.Parse<MlpActivation>(m.GetProperty("activation").GetString()!, ignoreCase: true),
                OutputActivation = Enum.Parse<MlpOutputActivation>(m.GetProperty("output_activation").GetString()!, ignoreCase: true),
                Dropout = m.GetProperty("dropout").GetDouble(),
                Init = m.GetProperty("init").GetString() == "glorot_uniform" ? MlpInit.GlorotUniform : MlpInit.Pytorch,
                Seed = m.GetProperty("seed").GetUInt64(),
            };
            double Number(string key, double fallback) => t.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
            var training = new MlpTrainingOptions
            {
                Loss = t.GetProperty("loss").GetString() switch
                {
                    "cox" => MlpLoss.Cox,
                    "bce" => MlpLoss.BinaryCrossEntropy,
                    "mae" => MlpLoss.MeanAbsoluteError,
                    _ => MlpLoss.MeanSquaredError,
                },
                Optimizer = t.GetProperty("optimizer").GetString() == "sgd" ? MlpOptimizer.Sgd : MlpOptimizer.Adam,
                LearningRate = Number("learning_rate", 1e-3),
                Momentum = Number("momentum", 0),
                Nesterov = t.TryGetProperty("nesterov", out var n) && n.GetBoolean(),
                WeightDecay = Number("weight_decay", 0),
                BatchSize = t.GetProperty("batch_size").GetInt32(),
                Schedule = (t.TryGetProperty("schedule", out var s) ? s.GetString() : "constant") switch
                {
                    "step" => MlpSchedule.Step,
                    "exponential" => MlpSchedule.Exponential,
                    "inverse_time" => MlpSchedule.InverseTime,
                    _ => MlpSchedule.Constant,
                },
                StepSize = (int)Number("step_size", 1),
                Gamma = Number("gamma", 1),
                DecayRate = Number("decay_rate", 0),
                Seed = t.GetProperty("seed").GetUInt64(),
            };
            float[] Floats(string key) => root.GetProperty(key).EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
            double[] Doubles(string key) => root.GetProperty(key).EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Dictionary<string, float[]> Weights(string key) => root.GetProperty(key).EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray());
            return new Golden(
                config, training, root.GetProperty("epochs").GetInt32(), Floats("inputs"), Floats("targets"),
                Floats("validation_inputs"), Floats("validation_targets"),
                root.GetProperty("orders").EnumerateArray().Select(o => o.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray(),
                Weights("initial"), Doubles("train_losses"), Doubles("validation_losses"), Weights("final"),
                Floats("validation_predictions"));
        }
    }
}
