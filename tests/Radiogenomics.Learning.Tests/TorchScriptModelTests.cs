using System.Runtime.InteropServices;

namespace Radiogenomics.Learning.Tests;

public sealed class TorchScriptModelTests : IDisposable
{
    private const int Side = 16;
    private static readonly string[] ResNetLikeNames = ["conv1", "bn1", "relu", "maxpool", "layer1", "avgpool", "fc"];

    private readonly string directory = Directory.CreateTempSubdirectory("rgt-script-").FullName;

    public TorchScriptModelTests() => TorchRuntime.ThreadCount = 2;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // The torchvision ResNet layout in miniature: 3 × 16 × 16 → 4 × 16 × 16 → 4 × 8 × 8 → 6 × 8 × 8 → 6 → 5.
    private static SequentialModelSpec ResNetLike(ulong seed) => new()
    {
        Name = "ResNetLike",
        InputChannels = 3,
        Seed = seed,
        Layers =
        [
            SequentialLayer.Conv2d("conv1", 4, 3, padding: 1),
            SequentialLayer.BatchNorm2d("bn1"),
            SequentialLayer.Relu("relu"),
            SequentialLayer.MaxPool2d("maxpool", 2),
            SequentialLayer.Conv2d("layer1", 6, 3, padding: 1),
            SequentialLayer.AdaptiveAvgPool2d("avgpool"),
            SequentialLayer.Linear("fc", 5),
        ],
    };

    // Centre crops of the synthetic blobs, replicated to RGB and normalised as for ImageNet weights.
    private static float[] RgbImages(int count) =>
        TorchScriptModel.PrepareImages(CentreCrop(SyntheticImages.Blobs(count, seed: 11), count), count, Side, Side);

    private string Build(SequentialModelSpec spec, string name = "model.pt")
    {
        var path = Path.Combine(directory, name);
        TorchScriptModel.BuildSequential(spec, path);
        return path;
    }

    [Fact]
    public void BuiltModelLoadsWithItsChildrenInRegistrationOrder()
    {
        var path = Build(ResNetLike(1));
        Assert.Equal("PK"u8.ToArray(), File.ReadAllBytes(path)[..2]);  // a zip archive, as torch.jit.save writes

        using var model = TorchScriptModel.Load(path, TorchDevice.Cpu);
        Assert.Equal(path, model.Path);
        Assert.Equal("cpu", model.Device);
        Assert.Equal("__torch__.radiogenomics.ResNetLike", model.TypeName);
        Assert.True(model.HasForward);
        Assert.Contains("Tensor x) -> Tensor", model.ForwardSchema);
        Assert.Equal(ResNetLikeNames, model.Children.Select(c => c.Name));
        Assert.Equal(
            ["Conv2d", "BatchNorm2d", "ReLU", "MaxPool2d", "Conv2d", "AdaptiveAvgPool2d", "Linear"],
            model.Children.Select(c => c.Kind));
        Assert.All(model.Children, c => Assert.StartsWith("__torch__.radiogenomics.", c.TypeName));
        Assert.NotEqual(model.Children[0].TypeName, model.Children[4].TypeName);  // two Conv2d classes, one mangled
        Assert.All(model.Children, c => Assert.True(c.HasForward));
        Assert.Equal(["fc"], model.Children.Where(c => c.FlattenBefore).Select(c => c.Name));

        // conv 3→4 (3×3 + bias), batch norm weight and bias (running statistics are buffers), conv 4→6, linear 6→5
        long[] expected = [112, 8, 0, 0, 222, 0, 35];
        Assert.Equal(expected, model.Children.Select(c => c.ParameterCount));
        Assert.Equal(expected.Sum(), model.ParameterCount);
    }

    [Theory]
    [InlineData("conv1", new[] { 4, 16, 16 })]
    [InlineData("bn1", new[] { 4, 16, 16 })]
    [InlineData("relu", new[] { 4, 16, 16 })]
    [InlineData("maxpool", new[] { 4, 8, 8 })]
    [InlineData("layer1", new[] { 6, 8, 8 })]
    [InlineData("avgpool", new[] { 6, 1, 1 })]
    [InlineData("fc", new[] { 5 })]
    [InlineData(null, new[] { 5 })]
    [InlineData("", new[] { 5 })]
    public void FeatureShapeFollowsTheSequentialPrefix(string? layer, int[] shape)
    {
        using var model = TorchScriptModel.Load(Build(ResNetLike(1)), TorchDevice.Cpu);
        Assert.Equal(shape, model.GetFeatureShape(layer, 3, Side, Side));
        var featureCount = shape.Aggregate(1, (a, b) => a * b);
        Assert.Equal(featureCount, model.GetFeatureCount(layer, 3, Side, Side));

        const int count = 3;
        var features = model.Features(RgbImages(count), count, 3, Side, Side, layer, batchSize: 2);
        Assert.Equal(count, features.Count);
        Assert.Equal(featureCount, features.FeatureCount);
        Assert.Equal(shape, features.Shape);
        Assert.Equal(count * featureCount, features.Values.Length);
        Assert.Equal(features.Values.AsSpan(featureCount, featureCount).ToArray(), features[1].ToArray());
        Assert.All(features.Values, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ForwardOutputEqualsTheFullPrefixAndFeaturesDifferBetweenImages()
    {
        using var model = TorchScriptModel.Load(Build(ResNetLike(2)), TorchDevice.Cpu);
        const int count = 6;
        var images = RgbImages(count);
        var forward = model.Features(images, count, 3, Side, Side, layer: null, batchSize: 4);
        var prefix = model.Features(images, count, 3, Side, Side, layer: "fc", batchSize: 4);
        AssertClose(forward.Values, prefix.Values, 1e-6);
        Assert.NotEqual(forward[0].ToArray(), forward[1].ToArray());

        // relu really is the rectified batch norm output
        var bn = model.Features(images, count, 3, Side, Side, "bn1", 4).Values;
        var relu = model.Features(images, count, 3, Side, Side, "relu", 4).Values;
        Assert.Contains(bn, v => v < 0);
        AssertClose(bn.Select(v => Math.Max(v, 0f)).ToArray(), relu, 0);
    }

    [Fact]
    public void AvgpoolIsTheChannelMeanOfTheLayerBefore()
    {
        using var model = TorchScriptModel.Load(Build(ResNetLike(3)), TorchDevice.Cpu);
        const int count = 4;
        var images = RgbImages(count);
        var layer1 = model.Features(images, count, 3, Side, Side, "layer1");
        var avgpool = model.Features(images, count, 3, Side, Side, "avgpool");
        var pixels = 8 * 8;
        for (var n = 0; n < count; n++)
        {
            for (var c = 0; c < 6; c++)
            {
                var mean = layer1[n].Slice(c * pixels, pixels).ToArray().Average(v => (double)v);
                Assert.Equal(mean, avgpool[n][c], 1e-5);
            }
        }
    }

    [Fact]
    public void KnownWeightsGiveTheNumbersOfAnIndependentComputation()
    {
        // 2 × 6 × 6 → conv 3×3 pad 1 → 3 × 6 × 6 → batch norm → relu → max-pool 2 → 3 × 3 × 3
        // → conv 3×3 stride 2 pad 1 → 4 × 2 × 2 → channel mean → 4 → linear → 3
        var random = new Random(5);
        float[] Draw(int n, double low, double high) =>
            Enumerable.Range(0, n).Select(_ => (float)(low + ((high - low) * random.NextDouble()))).ToArray();
        var w1 = Draw(3 * 2 * 9, -0.5, 0.5);
        var b1 = Draw(3, -0.2, 0.2);
        var gamma = Draw(3, 0.5, 1.5);
        var beta = Draw(3, -0.3, 0.3);
        var runningMean = Draw(3, -0.2, 0.2);
        var runningVar = Draw(3, 0.3, 2.0);
        var w2 = Draw(4 * 3 * 9, -0.5, 0.5);
        var b2 = Draw(4, -0.2, 0.2);
        var w3 = Draw(3 * 4, -1, 1);
        var b3 = Draw(3, -0.5, 0.5);
        const double eps = 1e-3;
        var spec = new SequentialModelSpec
        {
            Name = "KnownNet",
            InputChannels = 2,
            Seed = 1,
            Layers =
            [
                SequentialLayer.Conv2d("conv1", 3, 3, padding: 1) with { Values = new Dictionary<string, float[]> { ["weight"] = w1, ["bias"] = b1 } },
                SequentialLayer.BatchNorm2d("bn1", eps) with
                {
                    Values = new Dictionary<string, float[]>
                    {
                        ["weight"] = gamma, ["bias"] = beta, ["running_mean"] = runningMean, ["running_var"] = runningVar,
                    },
                },
                SequentialLayer.Relu("relu"),
                SequentialLayer.MaxPool2d("maxpool", 2),
                SequentialLayer.Conv2d("layer1", 4, 3, stride: 2, padding: 1) with { Values = new Dictionary<string, float[]> { ["weight"] = w2, ["bias"] = b2 } },
                SequentialLayer.AdaptiveAvgPool2d("avgpool"),
                SequentialLayer.Linear("fc", 3) with { Values = new Dictionary<string, float[]> { ["weight"] = w3, ["bias"] = b3 } },
            ],
        };

        using var model = TorchScriptModel.Load(Build(spec), TorchDevice.Cpu);
        const int count = 3;
        var images = Draw(count * 2 * 6 * 6, 0, 1);
        var conv1 = model.Features(images, count, 2, 6, 6, "conv1");
        var relu = model.Features(images, count, 2, 6, 6, "relu");
        var layer1 = model.Features(images, count, 2, 6, 6, "layer1");
        var fc = model.Features(images, count, 2, 6, 6, "fc");
        Assert.Equal([4, 2, 2], layer1.Shape);

        for (var n = 0; n < count; n++)
        {
            var x = images.AsSpan(n * 72, 72).ToArray().Select(v => (double)v).ToArray();
            var c1 = Reference.Conv(x, 2, 6, 6, w1, b1, 3, 3, 1, 1);
            AssertClose(c1, conv1[n], 1e-5);
            var r = Reference.BatchNorm(c1, 3, 36, gamma, beta, runningMean, runningVar, eps).Select(v => Math.Max(v, 0)).ToArray();
            AssertClose(r, relu[n], 1e-5);
            var c2 = Reference.Conv(Reference.MaxPool(r, 3, 6, 6, 2), 3, 3, 3, w2, b2, 4, 3, 2, 1);
            AssertClose(c2, layer1[n], 1e-5);
            AssertClose(Reference.Linear(Reference.ChannelMean(c2, 4, 4), w3, b3, 3), fc[n], 1e-5);
        }
    }

    [Fact]
    public void SameSeedGivesBitIdenticalFeaturesAndAnotherSeedDoesNot()
    {
        var images = RgbImages(5);
        float[] Run(ulong seed, string name)
        {
            using var model = TorchScriptModel.Load(Build(ResNetLike(seed), name), TorchDevice.Cpu);
            return model.Features(images, 5, 3, Side, Side, "layer1").Values;
        }

        var first = Run(7, "a.pt");
        var second = Run(7, "b.pt");
        Assert.True(Bits(first).SequenceEqual(Bits(second)), "the same seed should give the same weights");
        Assert.False(Bits(first).SequenceEqual(Bits(Run(8, "c.pt"))), "another seed should give other weights");

        using var model = TorchScriptModel.Load(Path.Combine(directory, "a.pt"), TorchDevice.Cpu);
        var again = model.Features(images, 5, 3, Side, Side, "layer1").Values;
        Assert.True(Bits(first).SequenceEqual(Bits(again)), "repeated runs should agree");
    }

    [Fact]
    public void WithoutASeedTheWeightsComeFromTheRuntimeSeed()
    {
        var spec = ResNetLike(0) with { Seed = null };
        var images = RgbImages(2);
        float[] Run(string name)
        {
            TorchRuntime.SetSeed(123);
            using var model = TorchScriptModel.Load(Build(spec, name), TorchDevice.Cpu);
            return model.Features(images, 2, 3, Side, Side).Values;
        }

        Assert.Equal(Run("a.pt"), Run("b.pt"));
    }

    [Fact]
    public void ExplicitValuesReplaceOnlyTheirOwnTensors()
    {
        var plain = ResNetLike(4);
        var layers = plain.Layers.ToArray();
        layers[^1] = layers[^1] with { Values = new Dictionary<string, float[]> { ["bias"] = [1, 2, 3, 4, 5] } };
        var images = RgbImages(2);
        using var a = TorchScriptModel.Load(Build(plain, "a.pt"), TorchDevice.Cpu);
        using var b = TorchScriptModel.Load(Build(plain with { Layers = layers }, "b.pt"), TorchDevice.Cpu);

        Assert.Equal(a.Features(images, 2, 3, Side, Side, "avgpool").Values, b.Features(images, 2, 3, Side, Side, "avgpool").Values);
        var before = a.Features(images, 2, 3, Side, Side, "fc");
        var after = b.Features(images, 2, 3, Side, Side, "fc");
        Assert.NotEqual(before.Values, after.Values);

        // Only the bias changed, so both images' outputs move by the same amounts.
        var shift = before.Values.Zip(after.Values, (x, y) => y - x).ToArray();
        Assert.Equal(shift[..5], shift[5..], new FloatTolerance(1e-5f));
    }

    [Fact]
    public void BatchSizeDoesNotChangeTheFeatures()
    {
        using var model = TorchScriptModel.Load(Build(ResNetLike(6)), TorchDevice.Cpu);
        const int count = 10;
        var images = RgbImages(count);
        foreach (var layer in new[] { "relu", "layer1", "fc" })
        {
            var one = model.Features(images, count, 3, Side, Side, layer, batchSize: 1).Values;
            var seven = model.Features(images, count, 3, Side, Side, layer, batchSize: 7).Values;
            var all = model.Features(images, count, 3, Side, Side, layer, batchSize: 64).Values;
            AssertClose(one, seven, 1e-6);
            AssertClose(one, all, 1e-6);
        }
    }

    [Fact]
    public void NoImagesGiveNoFeatures()
    {
        using var model = TorchScriptModel.Load(Build(ResNetLike(1)), TorchDevice.Cpu);
        var features = model.Features([], 0, 3, Side, Side, "avgpool");
        Assert.Empty(features.Values);
        Assert.Equal(6, features.FeatureCount);
    }

    [Fact]
    public void AutoDeviceIsCudaWhenAvailable()
    {
        using var model = TorchScriptModel.Load(Build(ResNetLike(1)), TorchDevice.Auto);
        Assert.Equal(TorchRuntime.IsCudaAvailable ? "cuda:0" : "cpu", model.Device);
        using var cpu = TorchScriptModel.Load(model.Path, TorchDevice.Cpu);
        var images = RgbImages(3);
        AssertClose(
            cpu.Features(images, 3, 3, Side, Side, "fc").Values, model.Features(images, 3, 3, Side, Side, "fc").Values, 1e-4);
    }

    [Fact]
    public void AMissingFileIsAnIoErrorNamingThePath()
    {
        var path = Path.Combine(directory, "absent.pt");
        var refused = Assert.Throws<TorchBridgeException>(() => TorchScriptModel.Load(path, TorchDevice.Cpu));
        Assert.Equal(TorchBridgeStatus.IoError, refused.Status);
        Assert.Contains($"'{path}' does not exist", refused.Message);

        refused = Assert.Throws<TorchBridgeException>(() => TorchScriptModel.Load(directory, TorchDevice.Cpu));
        Assert.Equal(TorchBridgeStatus.IoError, refused.Status);
        Assert.Contains($"'{directory}' is a directory", refused.Message);
    }

    [Fact]
    public void ATextFileIsRefusedAsNotTorchScript()
    {
        var path = Path.Combine(directory, "notes.pt");
        File.WriteAllText(path, "not a model\n");
        var refused = Assert.Throws<TorchBridgeException>(() => TorchScriptModel.Load(path, TorchDevice.Cpu));
        Assert.Equal(TorchBridgeStatus.IoError, refused.Status);
        Assert.Contains($"cannot load TorchScript model '{path}'", refused.Message);
        Assert.Contains("not a zip archive", refused.Message);
        Assert.Contains("torch.jit.script or torch.jit.trace", refused.Message);
    }

    [Fact]
    public void AnArchiveWithoutForwardNeedsALayer()
    {
        // The autoencoder's weight file is a TorchScript archive too, but one with tensors only.
        var path = Path.Combine(directory, "dae.pt");
        using (var dae = DenoisingAutoencoder.Create(AutoencoderConfig.Published with { Seed = 1 }, TorchDevice.Cpu))
        {
            dae.Save(path);
        }

        using var model = TorchScriptModel.Load(path, TorchDevice.Cpu);
        Assert.False(model.HasForward);
        Assert.Null(model.ForwardSchema);
        var refused = Assert.Throws<TorchBridgeException>(() => model.GetFeatureShape(null, 1, 64, 64));
        Assert.Equal(TorchBridgeStatus.InvalidArgument, refused.Status);
        Assert.Contains("has no forward method", refused.Message);
    }

    [Fact]
    public void AnUnknownLayerIsRefusedWithTheAvailableNames()
    {
        using var model = TorchScriptModel.Load(Build(ResNetLike(1)), TorchDevice.Cpu);
        var refused = Assert.Throws<TorchBridgeException>(() => model.Features(RgbImages(1), 1, 3, Side, Side, "layer4"));
        Assert.Equal(TorchBridgeStatus.InvalidArgument, refused.Status);
        Assert.Contains("no top-level layer named 'layer4'", refused.Message);
        Assert.Contains("available: conv1, bn1, relu, maxpool, layer1, avgpool, fc", refused.Message);
    }

    [Fact]
    public void AWrongInputShapeNamesTheLayerAndTheCause()
    {
        using var model = TorchScriptModel.Load(Build(ResNetLike(1)), TorchDevice.Cpu);
        var grey = new float[2 * Side * Side];
        var refused = Assert.Throws<TorchBridgeException>(() => model.Features(grey, 2, 1, Side, Side, "layer1"));
        Assert.Equal(TorchBridgeStatus.TorchError, refused.Status);
        Assert.StartsWith("layer 'conv1' (Conv2d) failed on input of shape [1,1,16,16]: ", refused.Message);
        Assert.Contains("to have 3 channels, but got 1 channels", refused.Message);

        refused = Assert.Throws<TorchBridgeException>(() => model.Features(grey, 2, 1, Side, Side));
        Assert.StartsWith("the forward of ", refused.Message);

        // Buffers that do not match the stated shape are caught before the bridge.
        Assert.Throws<ArgumentException>(() => model.Features(new float[100], 1, 3, Side, Side));
        var wrongLength = Assert.Throws<TorchBridgeException>(
            () => model.Features(RgbImages(2), 2, 3, Side, Side, "fc", 32, new float[9]));
        Assert.Contains("features_length is 9, but 2 images x 5 features need 10", wrongLength.Message);
    }

    [Theory]
    [InlineData("type", "unknown type 'conv3d'")]
    [InlineData("duplicate", "layer name 'relu' is used twice")]
    [InlineData("identifier", "layer name '1x' must be a Python identifier")]
    [InlineData("values", "values for 'weight' hold 2 numbers, but the tensor [4,3,3,3] has 108")]
    [InlineData("tensor", "unknown key 'gamma'")]
    [InlineData("linear", "give in_features")]
    [InlineData("empty", "'layers' must name at least one layer")]
    public void InvalidSpecsAreRefusedWithTheReason(string fault, string message)
    {
        var conv = SequentialLayer.Conv2d("conv1", 4, 3);
        SequentialLayer[] layers = fault switch
        {
            "type" => [conv, SequentialLayerWithType("conv3d")],
            "duplicate" => [conv, SequentialLayer.Relu("relu"), SequentialLayer.Relu("relu")],
            "identifier" => [SequentialLayer.Relu("1x")],
            "values" => [conv with { Values = new Dictionary<string, float[]> { ["weight"] = [1, 2] } }],
            "tensor" => [conv with { Values = new Dictionary<string, float[]> { ["gamma"] = [1] } }],
            "linear" => [conv, SequentialLayer.Flatten("flatten"), SequentialLayer.Linear("fc", 2)],
            _ => [],
        };

        var path = Path.Combine(directory, "invalid.pt");
        var refused = Assert.Throws<TorchBridgeException>(
            () => TorchScriptModel.BuildSequential(new SequentialModelSpec { Seed = 1, Layers = layers }, path));
        Assert.Equal(TorchBridgeStatus.InvalidArgument, refused.Status);
        Assert.Contains(message, refused.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void FlattenThenLinearWithGivenInFeatures()
    {
        var spec = new SequentialModelSpec
        {
            InputChannels = 1,
            Seed = 3,
            Layers = [SequentialLayer.Conv2d("conv", 2, 1), SequentialLayer.Flatten("flatten"), SequentialLayer.Linear("fc", 3, inFeatures: 2 * 4 * 4)],
        };
        using var model = TorchScriptModel.Load(Build(spec), TorchDevice.Cpu);
        Assert.Equal([32], model.GetFeatureShape("flatten", 1, 4, 4));
        Assert.Equal([3], model.GetFeatureShape(null, 1, 4, 4));
        Assert.Equal(["fc"], model.Children.Where(c => c.FlattenBefore).Select(c => c.Name));
    }

    [Fact]
    public void PrepareImagesReplicatesGreyAndAppliesImageNetStatistics()
    {
        float[] grey = [0f, 1f, 0.5f, 0.25f];  // two 1 × 2 images
        var prepared = TorchScriptModel.PrepareImages(grey, count: 2, height: 1, width: 2);
        float[] expected =
        [
            -2.117904f, 2.248908f, -2.035714f, 2.428571f, -1.804444f, 2.64f,  // (0 − m) / s, (1 − m) / s per channel
            0.065502f, -1.026201f, 0.196429f, -0.919643f, 0.417778f, -0.693333f,
        ];
        Assert.Equal(expected, prepared, new FloatTolerance(1e-5f));

        Assert.Equal(grey, TorchScriptModel.PrepareImages(grey, 2, 1, 2, channels: 1, mean: [0f], std: [1f]));
        Assert.Equal(
            [-1f, 1f, -1f, 1f, 0f, -0.5f, 0f, -0.5f],
            TorchScriptModel.PrepareImages(grey, 2, 1, 2, channels: 2, mean: [0.5f], std: [0.5f]));
        Assert.Equal(
            [0f, 1f, -1f, 1f],
            TorchScriptModel.PrepareImages(grey.AsSpan(0, 2), 1, 1, 2, channels: 2, mean: [0f, 0.5f], std: [1f, 0.5f]));

        Assert.Throws<ArgumentException>(() => TorchScriptModel.PrepareImages(grey, 2, 1, 2, channels: 1));
        Assert.Throws<ArgumentException>(() => TorchScriptModel.PrepareImages(grey, 2, 1, 2, mean: [0f, 0f], std: [1f]));
        Assert.Throws<ArgumentException>(() => TorchScriptModel.PrepareImages(grey, 2, 1, 2, mean: [0f], std: [0f]));
        Assert.Throws<ArgumentException>(() => TorchScriptModel.PrepareImages(grey, 3, 1, 2));
    }

    [Fact]
    public void SpecJsonHasTheNativeKeys()
    {
        var json = new SequentialModelSpec
        {
            Name = "Net",
            InputChannels = 1,
            Seed = 9,
            Layers = [SequentialLayer.MaxPool2d("pool", 3, padding: 1), SequentialLayer.Linear("fc", 2, 9, bias: false) with { Values = new Dictionary<string, float[]> { ["weight"] = [0.5f] } }],
        }.ToJson();
        Assert.Equal(
            "{\"name\":\"Net\",\"input_channels\":1,\"seed\":9,\"layers\":[" +
            "{\"name\":\"pool\",\"type\":\"maxpool2d\",\"kernel_size\":3,\"padding\":1}," +
            "{\"name\":\"fc\",\"type\":\"linear\",\"in_features\":9,\"out_features\":2,\"bias\":false,\"values\":{\"weight\":[0.5]}}]}",
            json);
    }

    private static SequentialLayer SequentialLayerWithType(string type)
    {
        // Only the factories make layers; reflection reaches the private constructor to test the native check.
        var constructor = typeof(SequentialLayer).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)[0];
        return (SequentialLayer)constructor.Invoke(["bad", type]);
    }

    private static float[] CentreCrop(float[] images, int count)
    {
        const int side = SyntheticImages.Side, offset = (side - Side) / 2;
        var cropped = new float[count * Side * Side];
        for (var n = 0; n < count; n++)
        {
            for (var row = 0; row < Side; row++)
            {
                images.AsSpan((n * side * side) + ((row + offset) * side) + offset, Side)
                    .CopyTo(cropped.AsSpan((n * Side * Side) + (row * Side), Side));
            }
        }

        return cropped;
    }

    private static ReadOnlySpan<byte> Bits(float[] values) => MemoryMarshal.AsBytes(values.AsSpan());

    private static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }

    // Straightforward double-precision versions of the layers, NCHW, one image at a time.
    private static class Reference
    {
        public static double[] Conv(double[] x, int inChannels, int height, int width, float[] weight, float[] bias, int outChannels, int kernel, int stride, int padding)
        {
            var outHeight = ((height + (2 * padding) - kernel) / stride) + 1;
            var outWidth = ((width + (2 * padding) - kernel) / stride) + 1;
            var output = new double[outChannels * outHeight * outWidth];
            for (var o = 0; o < outChannels; o++)
            {
                for (var y = 0; y < outHeight; y++)
                {
                    for (var z = 0; z < outWidth; z++)
                    {
                        double sum = bias[o];
                        for (var i = 0; i < inChannels; i++)
                        {
                            for (var dy = 0; dy < kernel; dy++)
                            {
                                for (var dx = 0; dx < kernel; dx++)
                                {
                                    int row = (y * stride) + dy - padding, column = (z * stride) + dx - padding;
                                    if (row >= 0 && row < height && column >= 0 && column < width)
                                    {
                                        sum += weight[(((((o * inChannels) + i) * kernel) + dy) * kernel) + dx] * x[(((i * height) + row) * width) + column];
                                    }
                                }
                            }
                        }

                        output[(((o * outHeight) + y) * outWidth) + z] = sum;
                    }
                }
            }

            return output;
        }

        public static double[] BatchNorm(double[] x, int channels, int pixels, float[] gamma, float[] beta, float[] mean, float[] variance, double eps)
        {
            var output = new double[channels * pixels];
            for (var i = 0; i < output.Length; i++)
            {
                var c = i / pixels;
                output[i] = ((x[i] - mean[c]) / Math.Sqrt(variance[c] + eps) * gamma[c]) + beta[c];
            }

            return output;
        }

        public static double[] MaxPool(double[] x, int channels, int height, int width, int kernel)
        {
            int outHeight = height / kernel, outWidth = width / kernel;
            var output = new double[channels * outHeight * outWidth];
            for (var c = 0; c < channels; c++)
            {
                for (var y = 0; y < outHeight; y++)
                {
                    for (var z = 0; z < outWidth; z++)
                    {
                        var best = double.NegativeInfinity;
                        for (var dy = 0; dy < kernel; dy++)
                        {
                            for (var dx = 0; dx < kernel; dx++)
                            {
                                best = Math.Max(best, x[(((c * height) + (y * kernel) + dy) * width) + (z * kernel) + dx]);
                            }
                        }

                        output[(((c * outHeight) + y) * outWidth) + z] = best;
                    }
                }
            }

            return output;
        }

        public static double[] ChannelMean(double[] x, int channels, int pixels) =>
            Enumerable.Range(0, channels).Select(c => x.Skip(c * pixels).Take(pixels).Average()).ToArray();

        public static double[] Linear(double[] x, float[] weight, float[] bias, int outFeatures) =>
            Enumerable.Range(0, outFeatures).Select(o => bias[o] + x.Select((v, i) => weight[(o * x.Length) + i] * v).Sum()).ToArray();
    }
}
