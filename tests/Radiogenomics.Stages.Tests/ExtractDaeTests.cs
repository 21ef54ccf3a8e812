using System.Security.Cryptography;
using System.Text.Json;
using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary><c>extract.dae</c> through the engine, fed by a test-only stage that writes a synthetic <c>tensors</c> table.</summary>
public sealed class ExtractDaeTests : IDisposable
{
    private readonly List<string> _roots = [];

    public void Dispose()
    {
        foreach (var root in _roots)
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Workflow(string daeParams, string tensorParams = "{}") => $$"""
        workflow: dae
        stages:
          - id: tensors
            uses: test.dae_tensors
            params: {{tensorParams}}
          - id: dae
            uses: extract.dae
            needs: [tensors]
            device: cpu
            params: {{daeParams}}
        """;

    private (RunReport Report, string Root) Run(string workflowYaml)
    {
        string root = Path.Combine(Path.GetTempPath(), "rg-dae-" + Guid.NewGuid().ToString("N")[..10]);
        _roots.Add(root);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "wf.yaml"), workflowYaml);
        var registry = StageCatalog.CreateRegistry().Add(new DaeTestTensorsStage());
        if (!registry.TryGet("extract.dae", out _)) registry.Add(new ExtractDenoisingAutoencoderStage());
        var engine = new WorkflowEngine(new Workspace(root), registry);
        var report = engine.RunAsync(engine.Load(Path.Combine(root, "wf.yaml")), new RunRequest(), cancellationToken: TestContext.Current.CancellationToken)
            .GetAwaiter().GetResult();
        return (report, root);
    }

    private static string ObjectPath(RunReport report, string root, string output) =>
        new ContentStore(new Workspace(root)).PathOf(report["dae"].Record!.Outputs[output].Sha256);

    private static JsonElement Fact(RunReport report, string name) => (JsonElement)report["dae"].Record!.Facts[name]!;

    [Fact]
    public void TrainsWithFallingLossAndWritesEveryOutput()
    {
        var (report, root) = Run(Workflow("{epochs: 4, threads: 2, validation_fraction: 0.25, seed: 11}"));
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));

        var training = ParquetFile.Read(ObjectPath(report, root, "training"));
        Assert.Equal([1, 2, 3, 4], training.GetInt32s("epoch"));
        var train = training.GetDoubles("train_loss");
        var validation = training.GetNullableDoubles("validation_loss").Select(v => v!.Value).ToArray();
        Assert.True(train[^1] < train[0], $"train losses {string.Join(", ", train)}");
        Assert.True(validation[^1] < validation[0], $"validation losses {string.Join(", ", validation)}");
        Assert.Equal([false, false, false, true], training.GetBools("best"));
        Assert.Equal(train, Fact(report, "train_loss").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(4, Fact(report, "epochs_run").GetInt32());
        Assert.Equal(128, Fact(report, "images").GetInt32());
        Assert.True(Fact(report, "training_images_per_second").GetDouble() > 0);

        // 4,096 features named fea_0001…fea_4096 after image_id and patient_id, one row per image.
        var schema = ParquetFile.ReadSchema(ObjectPath(report, root, "features"));
        Assert.Equal(["image_id", "patient_id", .. Enumerable.Range(1, 4096).Select(i => $"fea_{i:D4}")], schema.Select(c => c.Name));
        Assert.All(schema.Skip(2), c => Assert.Equal(ColumnType.Double, c.Type));
        var features = FeatureMatrix.Read(ObjectPath(report, root, "features"));
        Assert.Equal(128, features.ImageCount);
        Assert.Equal("img_000", features.ImageIds[0]);
        Assert.All(features.Columns, c => Assert.All(c, v => Assert.True(double.IsFinite(v))));
        Assert.Contains(features.Columns, c => c.Any(v => v < 0)); // pooled leaky-ReLU output (the default)

        // Diagnostics: the constant predictor beside the losses, the mean output, the constant features per kernel.
        double baseline = training.GetNullableDoubles("constant_predictor_validation_loss")[0]!.Value;
        Assert.Equal(baseline, Fact(report, "constant_predictor_validation_loss").GetDouble());
        Assert.True(validation[^1] < 0.5 * baseline, $"validation {validation[^1]} vs the mean pixel's {baseline}");
        Assert.InRange(Fact(report, "mean_output").GetDouble(), 0, 1);
        Assert.Equal(Math.Log(Fact(report, "mean_pixel").GetDouble() / (1 - Fact(report, "mean_pixel").GetDouble())), Fact(report, "output_bias").GetDouble(), 1);
        var constant = ParquetFile.Read(ObjectPath(report, root, "constant_features"));
        Assert.Equal(Enumerable.Range(0, 16), constant.GetInt32s("kernel"));
        int constantColumns = features.Columns.Count(c => c.All(v => v == c[0]));
        Assert.Equal(constantColumns, constant.GetInt32s("constant_features").Sum());
        Assert.Equal(constantColumns, Fact(report, "constant_features").GetInt32());
        var losses = File.ReadAllBytes(ObjectPath(report, root, "losses"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, losses[..4]);

        // Patient means in patient order.
        var patients = ParquetFile.Read(ObjectPath(report, root, "patient_features"));
        Assert.Equal(Enumerable.Range(0, 8).Select(p => $"P{p}"), patients.GetStrings("patient_id"));
        Assert.Equal(4097, patients.ColumnCount);
        foreach (var (feature, patient) in new[] { (0, 3), (1234, 0), (4095, 7) })
        {
            var rows = Enumerable.Range(0, 128).Where(i => features.PatientIds[i] == $"P{patient}");
            Assert.Equal(rows.Average(i => features.Columns[feature][i]), patients.GetDoubles($"fea_{feature + 1:D4}")[patient], 12);
        }

        var png = File.ReadAllBytes(ObjectPath(report, root, "kernels"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.True(png.Length > 2000);
    }

    [Fact]
    public void FeatureMapIsKernelMajorAndMatchesTheSavedModelsEncoding()
    {
        var (report, root) = Run(Workflow("{epochs: 1, threads: 2, validation_fraction: 0}"));
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));

        var map = ParquetFile.Read(ObjectPath(report, root, "feature_map"));
        Assert.Equal(4096, map.RowCount);
        var names = map.GetStrings("feature");
        var index = map.GetInt32s("index");
        var kernel = map.GetInt32s("kernel");
        var row = map.GetInt32s("row");
        var column = map.GetInt32s("column");
        for (int f = 0; f < 4096; f++)
        {
            Assert.Equal(f + 1, index[f]);
            Assert.Equal($"fea_{f + 1:D4}", names[f]);
            Assert.Equal(f, (kernel[f] * 256) + (row[f] * 16) + column[f]);
            Assert.InRange(kernel[f], 0, 15);
            Assert.InRange(row[f], 0, 15);
            Assert.InRange(column[f], 0, 15);
        }

        Assert.Equal(Enumerable.Range(0, 16).SelectMany(k => Enumerable.Repeat(k, 256)), kernel); // the LME stage's kernel = (index − 1) / 256
        Assert.Equal(0, Fact(report, "validation_images").GetInt32());

        // The saved weights, loaded into a fresh bridge model, give the table's features:
        // so fea_k is the bridge's feature k − 1, which the bridge tests pin to kernel·256 + row·16 + column.
        var tensors = ParquetFile.Read(new ContentStore(new Workspace(root)).PathOf(report["tensors"].Record!.Outputs["tensors"].Sha256));
        var all = tensors.GetFloatArrays("pixels").SelectMany(a => a!).ToArray();
        TorchRuntime.ThreadCount = 2;
        using var model = DenoisingAutoencoder.Create(AutoencoderConfig.Published with { Seed = 99, Activation = AutoencoderActivation.LeakyRelu }, TorchDevice.Cpu);
        model.Load(ObjectPath(report, root, "model"));
        var expected = model.Encode(all); // the same batches and threads as the stage: bit-identical
        var features = FeatureMatrix.Read(ObjectPath(report, root, "features"));
        foreach (int image in new[] { 0, 77, 127 })
            for (int f = 0; f < 4096; f++) Assert.Equal((double)expected[(image * 4096) + f], features.Columns[f][image]);
    }

    [Fact]
    public void SameSeedAndThreadsGiveIdenticalFeaturesAcrossWorkspaces()
    {
        const string Params = "{epochs: 2, threads: 2, seed: 5}";
        var (first, firstRoot) = Run(Workflow(Params));
        var (second, secondRoot) = Run(Workflow(Params));
        Assert.True(first.Succeeded && second.Succeeded, string.Join("; ", first.Stages.Concat(second.Stages).Select(s => s.Error)));
        Assert.Equal(first["dae"].Record!.Outputs["features"].Sha256, second["dae"].Record!.Outputs["features"].Sha256);
        Assert.Equal(Sha256(ObjectPath(first, firstRoot, "features")), Sha256(ObjectPath(second, secondRoot, "features")));
        Assert.Equal(first["dae"].Record!.Outputs["training"].Sha256, second["dae"].Record!.Outputs["training"].Sha256);
        Assert.Equal(first["dae"].Record!.Outputs["model"].Sha256, second["dae"].Record!.Outputs["model"].Sha256);

        var (other, _) = Run(Workflow("{epochs: 2, threads: 2, seed: 6}"));
        Assert.True(other.Succeeded, other["dae"].Error);
        Assert.NotEqual(first["dae"].Record!.Outputs["features"].Sha256, other["dae"].Record!.Outputs["features"].Sha256);
    }

    [Fact]
    public void SplitIsByPatientSeededAndIndependentOfRowOrder()
    {
        // 8 patients × 16 images, interleaved as the test stage writes them.
        var patientOf = Enumerable.Range(0, 128).Select(i => $"P{i % 8}").ToArray();
        var split = PatientSplit.Create(patientOf, 0.2, 11);
        Assert.Equal(2, split.ValidationPatients.Count); // round(0.2 × 8)
        Assert.Equal(6, split.TrainingPatients.Count);
        Assert.Empty(split.TrainingPatients.Intersect(split.ValidationPatients));
        Assert.Equal(128, split.TrainingImages.Length + split.ValidationImages.Length);
        Assert.Empty(split.TrainingImages.Intersect(split.ValidationImages));
        Assert.All(split.TrainingImages, i => Assert.Contains(patientOf[i], split.TrainingPatients));
        Assert.All(split.ValidationImages, i => Assert.Contains(patientOf[i], split.ValidationPatients));
        Assert.Equal(32, split.ValidationImages.Length);

        // Same seed, same split, whatever the row order; other seeds give other splits.
        Assert.Equal(split.ValidationPatients, PatientSplit.Create(patientOf.Reverse().ToArray(), 0.2, 11).ValidationPatients);
        var splits = Enumerable.Range(0, 20).Select(s => string.Join(",", PatientSplit.Create(patientOf, 0.2, (ulong)s).ValidationPatients)).Distinct().Count();
        Assert.True(splits > 5, $"only {splits} distinct splits over 20 seeds");

        // Edge cases: no validation at 0; a positive fraction still holds one patient out; one patient always trains.
        Assert.Empty(PatientSplit.Create(patientOf, 0, 1).ValidationImages);
        Assert.Single(PatientSplit.Create(patientOf, 0.01, 1).ValidationPatients);
        Assert.Single(PatientSplit.Create(["A", "A", "B"], 0.9, 1).TrainingPatients);
        Assert.Empty(PatientSplit.Create(["A", "A"], 0.5, 1).ValidationPatients);
    }

    [Fact]
    public void TheStageRecordsThePatientLevelSplit()
    {
        var (report, _) = Run(Workflow("{epochs: 1, threads: 2, validation_fraction: 0.25, seed: 3}"));
        Assert.True(report.Succeeded, report["dae"].Error);
        Assert.Equal(6, Fact(report, "training_patients").GetInt32());
        Assert.Equal(2, Fact(report, "validation_patients").GetInt32());
        Assert.Equal(96, Fact(report, "training_images").GetInt32());
        Assert.Equal(32, Fact(report, "validation_images").GetInt32());
        var expected = PatientSplit.Create(Enumerable.Range(0, 128).Select(i => $"P{i % 8}").ToArray(), 0.25, 3);
        Assert.Equal(96, expected.TrainingImages.Length);
    }

    [Fact]
    public void EarlyStoppingKeepsTheBestEpoch()
    {
        // The paper's learning rate of 0.1 with Adam kills the network within the first epoch (a constant output,
        // the loss no longer moves), so patience 1 stops after the second epoch and keeps the first.
        var (report, root) = Run(Workflow("{epochs: 6, threads: 2, early_stopping_patience: 1, learning_rate: 0.1, seed: 2}"));
        Assert.True(report.Succeeded, report["dae"].Error);
        var training = ParquetFile.Read(ObjectPath(report, root, "training"));
        var validation = training.GetNullableDoubles("validation_loss").Select(v => v!.Value).ToArray();
        var best = training.GetBools("best");
        Assert.Single(best, true);
        int kept = Array.IndexOf(best, true);
        Assert.Equal(validation.Min(), validation[kept]);
        Assert.Equal(kept + 1, Fact(report, "kept_epoch").GetInt32());
        Assert.True(validation.Length < 6, $"did not stop early: {string.Join(", ", validation)}");
        Assert.Equal(validation.Length, Fact(report, "epochs_run").GetInt32());
    }

    [Fact]
    public void ImagesOfMixedSizesAreRejectedWithTheRow()
    {
        var (report, _) = Run(Workflow("{epochs: 1, threads: 2}", "{bad: true}"));
        Assert.Equal(StageStatus.Failed, report["dae"].Status);
        Assert.Contains("row 2 (image img_001)", report["dae"].Error);
        Assert.Contains("pixels has 1024 values, expected 4096", report["dae"].Error);
    }

    [Fact]
    public void DeclaresTheContract()
    {
        var kind = new ExtractDenoisingAutoencoderStage();
        Assert.True(kind.SupportsGpu);
        Assert.True(kind.DeviceAffectsOutput);
        Assert.Equal(["tensors"], kind.Consumes);
        Assert.Equal(["features", "patient_features", "feature_map", "training", "constant_features", "losses", "losses_svg", "kernels", "kernels_svg", "model"], kind.Produces.Select(o => o.Name));
        Assert.Equal("mean-pixel", kind.Parameters.Single(p => p.Name == "output_bias").Default?.ToString());
        Assert.Equal("leaky-relu", kind.Parameters.Single(p => p.Name == "activation").Default?.ToString());
        Assert.Equal(".pt", kind.Produces.Single(o => o.Name == "model").Extension);
        Assert.True(kind.Parameters.Single(p => p.Name == "seed").IsSeed);
        Assert.Equal(["published", "seed-code"], kind.Parameters.Single(p => p.Name == "preset").Choices);
    }

    [Fact]
    public void ThePublishedInitialisationIsStillAvailableAndItsDeadUnitsAreReported()
    {
        // output_bias: zero and activation: relu are the paper's Keras model; its dead ReLU units show as constant
        // features, and the stage says so in its warnings when they pass 1 %.
        var (report, root) = Run(Workflow("{epochs: 1, threads: 2, validation_fraction: 0.25, seed: 11, output_bias: zero, activation: relu}"));
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        Assert.Equal(0.0, Fact(report, "output_bias").GetDouble());
        var features = FeatureMatrix.Read(ObjectPath(report, root, "features"));
        Assert.All(features.Columns, c => Assert.All(c, v => Assert.True(v >= 0))); // pooled ReLU output
        int constantColumns = features.Columns.Count(c => c.All(v => v == c[0]));
        Assert.Equal(constantColumns, Fact(report, "constant_features").GetInt32());
        var warnings = report["dae"].Record!.Facts.TryGetValue(StageContext.WarningsFact, out var w) && w is JsonElement e
            ? e.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
        Assert.Equal(constantColumns > 41, warnings.Any(x => x.Contains("constant over every image", StringComparison.Ordinal)));
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
