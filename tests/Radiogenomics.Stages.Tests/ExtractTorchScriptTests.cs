using Radiogenomics.Engine.Caching;
using Radiogenomics.Engine.Execution;
using Radiogenomics.Imaging.Preprocessing;
using Radiogenomics.Learning;
using Radiogenomics.Tables;
using Xunit;

namespace Radiogenomics.Stages.Tests;

/// <summary>
/// <c>extract.torchscript</c> end to end: no pretrained weights can be downloaded here, so the test builds a small
/// torchvision-shaped TorchScript CNN through the bridge, saves it, and the stage loads it like a user's ResNet.
/// </summary>
public sealed class ExtractTorchScriptTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rg-ts-" + Guid.NewGuid().ToString("N")[..10]);

    public ExtractTorchScriptTests()
    {
        Directory.CreateDirectory(_root);
        TorchScriptModel.BuildSequential(new SequentialModelSpec
        {
            Name = "TinyResNet", InputChannels = 3, Seed = 5,
            Layers =
            [
                SequentialLayer.Conv2d("conv1", 4, 3, padding: 1), SequentialLayer.BatchNorm2d("bn1"), SequentialLayer.Relu("relu"),
                SequentialLayer.MaxPool2d("maxpool", 2), SequentialLayer.Conv2d("layer1", 6, 3, padding: 1),
                SequentialLayer.AdaptiveAvgPool2d("avgpool"), SequentialLayer.Linear("fc", 5),
            ],
        }, Path.Combine(_root, "tiny.pt"));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private async Task<RunReport> RunAsync(string parameters, string model = "tiny.pt")
    {
        File.WriteAllText(Path.Combine(_root, "wf.yaml"), $$"""
            workflow: ts
            stages:
              - id: tensors
                uses: test.dae_tensors
                params: {patients: 4, images_per_patient: 3}
              - id: cnn
                uses: extract.torchscript
                needs: [tensors]
                device: cpu
                inputs: {model: {{model}}}
                params: {{parameters}}
            """);
        var registry = StageCatalog.CreateRegistry().Add(new DaeTestTensorsStage());
        var engine = new WorkflowEngine(new Workspace(_root), registry);
        return await engine.RunAsync(engine.Load(Path.Combine(_root, "wf.yaml")), new RunRequest { Archive = false }, cancellationToken: TestContext.Current.CancellationToken);
    }

    private string ObjectPath(RunReport report, string stage, string output) =>
        new ContentStore(new Workspace(_root)).PathOf(report[stage].Record!.Outputs[output].Sha256);

    [Fact]
    public async Task AvgpoolFeaturesEqualTheModelOnResizedImageNetNormalisedGreyImages()
    {
        var report = await RunAsync("{layer: avgpool, input_size: 40, threads: 1, batch_size: 5}");
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        var features = FeatureMatrix.Read(ObjectPath(report, "cnn", "features"));
        Assert.Equal(["avgpool_0001", "avgpool_0002", "avgpool_0003", "avgpool_0004", "avgpool_0005", "avgpool_0006"], features.FeatureNames);
        Assert.Equal(12, features.ImageCount);

        // The same images by hand: the test tensors, Lanczos-resized 64 → 40, grey into 3 channels, (x − mean) / sd.
        var tensors = ParquetFile.Read(ObjectPath(report, "tensors", "tensors"));
        var pixels = tensors.GetFloatArrays("pixels");
        using var model = TorchScriptModel.Load(Path.Combine(_root, "tiny.pt"));
        for (int i = 0; i < 12; i++)
        {
            var resized = ImageResizer.Resize(pixels[i], 64, 64, 40, 40);
            var input = new float[3 * 40 * 40];
            float[] mean = [0.485f, 0.456f, 0.406f], sd = [0.229f, 0.224f, 0.225f];
            for (int c = 0; c < 3; c++)
                for (int k = 0; k < resized.Length; k++) input[c * 1600 + k] = (resized[k] - mean[c]) / sd[c];
            var expected = model.Features(input, 1, 3, 40, 40, "avgpool", 1);
            // Batches of 5 in the stage vs 1 here: libtorch's kernels may sum in another order, so float rounding differs.
            for (int j = 0; j < 6; j++) Assert.Equal(expected[0][j], features.Columns[j][i], 1e-6);
        }

        // Patient features are the means over each patient's images (row i belongs to patient i mod 4).
        var patient = ParquetFile.Read(ObjectPath(report, "cnn", "patient_features"));
        Assert.Equal(["P0", "P1", "P2", "P3"], patient.GetStrings("patient_id"));
        Assert.Equal((features.Columns[2][1] + features.Columns[2][5] + features.Columns[2][9]) / 3, patient.GetDoubles("avgpool_0003")[1], 12);
    }

    [Fact]
    public async Task FeatureMapFollowsTheLayersChannelRowColumnLayout()
    {
        var report = await RunAsync("{layer: layer1, input_size: 0, normalization: none, threads: 1}");
        Assert.True(report.Succeeded, string.Join("; ", report.Stages.Select(s => s.Error)));
        var map = ParquetFile.Read(ObjectPath(report, "cnn", "feature_map"));
        Assert.Equal(6 * 32 * 32, map.RowCount); // 64 → maxpool 32, 6 channels
        int f = 1024 + 2 * 32 + 5; // channel 1, row 2, column 5
        Assert.Equal($"layer1_{f + 1:D4}", map.GetStrings("feature")[f]);
        Assert.Equal([1, 2, 5], new[] { map.GetInt32s("channel")[f], map.GetInt32s("row")[f], map.GetInt32s("column")[f] });
    }

    [Fact]
    public async Task ForwardOutputIsTheFcLayer()
    {
        var forward = await RunAsync("{layer: \"\", input_size: 32, threads: 1}");
        Assert.True(forward.Succeeded, string.Join("; ", forward.Stages.Select(s => s.Error)));
        var fc = FeatureMatrix.Read(ObjectPath(forward, "cnn", "features"));
        Assert.Equal(5, fc.FeatureCount);
        Assert.StartsWith("output_", fc.FeatureNames[0]);
        var named = await RunAsync("{layer: fc, input_size: 32, threads: 1}");
        Assert.Equal(fc.Columns, FeatureMatrix.Read(ObjectPath(named, "cnn", "features")).Columns);
    }

    [Fact]
    public async Task UnknownLayerAndNonTorchScriptFilesNameTheFix()
    {
        var unknown = await RunAsync("{layer: pool5}");
        Assert.Equal(StageStatus.Failed, unknown["cnn"].Status);
        Assert.Contains("tiny.pt: layer 'pool5': is not a top-level child of the model. Fix: use one of conv1, bn1, relu, maxpool, layer1, avgpool, fc", unknown["cnn"].Error);

        File.WriteAllText(Path.Combine(_root, "weights.pt"), "not a model");
        var bad = await RunAsync("{}", "weights.pt");
        Assert.Equal(StageStatus.Failed, bad["cnn"].Status);
        Assert.StartsWith("weights.pt: model:", bad["cnn"].Error);
        Assert.Contains("torch.jit.script", bad["cnn"].Error);

        var channels = await RunAsync("{channels: 1}");
        Assert.Contains("the ImageNet statistics are for 3 channels, not 1", channels["cnn"].Error);
    }
}
