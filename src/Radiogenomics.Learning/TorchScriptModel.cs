using System.Text.Json;
using Radiogenomics.Learning.Interop;
using static Radiogenomics.Learning.Interop.TorchBridgeNative;

namespace Radiogenomics.Learning;

/// <summary>
/// A pretrained network exported with torch.jit.script or torch.jit.trace (e.g. a torchvision ResNet50 or
/// GoogLeNet, as Liu et al. 2024 used), whose output at a named layer serves as image features.
/// <para>
/// Feature layers follow the <em>sequential-prefix rule</em>: null or "" takes the module's own forward
/// output; a child's name applies the top-level <see cref="Children"/> in registration order up to and
/// including that child, flattening a tensor of more than two dimensions before a Linear-like child. This is
/// what torchvision's ResNet and VGG forwards do (ResNet: conv1, bn1, relu, maxpool, layer1..4, avgpool, fc).
/// For a network whose forward is not such a sequence (GoogLeNet's transform_input and auxiliary heads,
/// Inception, anything with skips at the top level), export a wrapper whose forward returns the wanted
/// features and take the forward output.
/// </para>
/// The bridge does no preprocessing: images go in as N × C × H × W floats, prepared for instance with
/// <see cref="PrepareImages"/>. Not thread-safe: use one instance from one thread at a time.
/// </summary>
public sealed class TorchScriptModel : IDisposable
{
    private readonly ScriptHandle script;
    private readonly Dictionary<(string Layer, int Channels, int Height, int Width), int[]> shapes = [];

    private TorchScriptModel(ScriptHandle script)
    {
        this.script = script;
        using var description = JsonDocument.Parse(ReadDescription());
        var root = description.RootElement;
        Path = root.GetProperty("path").GetString() ?? string.Empty;
        Device = root.GetProperty("device").GetString() ?? "cpu";
        TypeName = root.GetProperty("type").GetString() ?? string.Empty;
        HasForward = root.GetProperty("has_forward").GetBoolean();
        ForwardSchema = root.GetProperty("forward_schema").GetString();
        ParameterCount = root.GetProperty("parameter_count").GetInt64();
        Children = root.GetProperty("children").EnumerateArray()
            .Select(c => new TorchScriptLayer(
                c.GetProperty("name").GetString()!,
                c.GetProperty("type").GetString()!,
                c.GetProperty("kind").GetString()!,
                c.GetProperty("parameter_count").GetInt64(),
                c.GetProperty("has_forward").GetBoolean(),
                c.GetProperty("flatten_before").GetBoolean()))
            .ToArray();
    }

    /// <summary>Per-channel means of torchvision's ImageNet weights (R, G, B), for inputs scaled to [0, 1].</summary>
    public static IReadOnlyList<float> ImageNetMean { get; } = [0.485f, 0.456f, 0.406f];

    /// <summary>Per-channel standard deviations of torchvision's ImageNet weights (R, G, B).</summary>
    public static IReadOnlyList<float> ImageNetStd { get; } = [0.229f, 0.224f, 0.225f];

    /// <summary>The file the model was loaded from.</summary>
    public string Path { get; }

    /// <summary>The device the model lives on, e.g. "cpu" or "cuda:0".</summary>
    public string Device { get; }

    /// <summary>The module's qualified class name, e.g. "__torch__.torchvision.models.resnet.ResNet".</summary>
    public string TypeName { get; }

    public bool HasForward { get; }

    /// <summary>The forward's TorchScript schema, e.g. "forward(__torch__.X self, Tensor x) -> Tensor"; null without one.</summary>
    public string? ForwardSchema { get; }

    public long ParameterCount { get; }

    /// <summary>The top-level children in registration order: the layers a feature layer may name.</summary>
    public IReadOnlyList<TorchScriptLayer> Children { get; }

    /// <summary>Loads a TorchScript archive in eval mode onto <paramref name="device"/> (default: CUDA when available).</summary>
    /// <exception cref="TorchBridgeException">
    /// Status <see cref="TorchBridgeStatus.IoError"/> when the file is missing, unreadable or not TorchScript;
    /// the message names the path.
    /// </exception>
    public static TorchScriptModel Load(string path, TorchDevice? device = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var deviceName = device?.Name ?? TorchDevice.Auto.Name;
        Check(rgt_script_load(path, deviceName, out var handle));
        try
        {
            return new TorchScriptModel(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Builds a sequential network with seeded weights and saves it as TorchScript to <paramref name="path"/>,
    /// loadable here and by torch.jit.load. No weights need downloading, so it serves tests and quick
    /// reference models.
    /// </summary>
    public static void BuildSequential(SequentialModelSpec spec, string path)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(path);
        Check(rgt_script_build_sequential(spec.ToJson(), path));
    }

    /// <summary>
    /// Turns grey images (count × height × width, intensities in [0, 1]) into network inputs
    /// (count × <paramref name="channels"/> × height × width): each grey image is copied into every channel and
    /// channel c becomes (value − mean[c]) / std[c]. With both <paramref name="mean"/> and <paramref name="std"/>
    /// null and three channels, the ImageNet statistics apply, as torchvision's pretrained weights expect; a
    /// single entry applies to every channel (mean [0] and std [1] leave values unchanged).
    /// </summary>
    public static float[] PrepareImages(
        ReadOnlySpan<float> grey,
        int count,
        int height,
        int width,
        int channels = 3,
        IReadOnlyList<float>? mean = null,
        IReadOnlyList<float>? std = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        var pixels = (long)height * width;
        if (grey.Length != count * pixels)
        {
            throw new ArgumentException($"expected {count} × {height} × {width} = {count * pixels} floats, got {grey.Length}", nameof(grey));
        }

        if (mean is null && std is null)
        {
            if (channels != 3)
            {
                throw new ArgumentException(
                    $"the ImageNet statistics are for 3 channels; give mean and std for {channels} channel(s)", nameof(mean));
            }

            (mean, std) = (ImageNetMean, ImageNetStd);
        }

        var means = PerChannel(mean ?? [0f], channels, nameof(mean));
        var deviations = PerChannel(std ?? [1f], channels, nameof(std));
        if (deviations.Any(s => !(s > 0f)))
        {
            throw new ArgumentException("standard deviations must be positive", nameof(std));
        }

        var prepared = new float[checked(count * channels * pixels)];
        for (var n = 0; n < count; n++)
        {
            var image = grey.Slice((int)(n * pixels), (int)pixels);
            for (var c = 0; c < channels; c++)
            {
                var target = prepared.AsSpan((int)(((long)n * channels + c) * pixels), (int)pixels);
                float m = means[c], s = deviations[c];
                for (var i = 0; i < image.Length; i++)
                {
                    target[i] = (image[i] - m) / s;
                }
            }
        }

        return prepared;
    }

    /// <summary>
    /// One image's output shape at <paramref name="layer"/> (null: the forward output) for inputs of the given
    /// size, without the batch dimension, e.g. [2048, 1, 1] for ResNet50's avgpool at 224 × 224. Found by running
    /// one zero image through the model, then remembered.
    /// </summary>
    public unsafe IReadOnlyList<int> GetFeatureShape(string? layer, int channels, int height, int width)
    {
        ObjectDisposedException.ThrowIf(script.IsClosed, this);
        var key = (layer ?? string.Empty, channels, height, width);
        if (shapes.TryGetValue(key, out var known))
        {
            return known;
        }

        var dimensions = new long[8];
        int rank;
        while (true)
        {
            fixed (long* buffer = dimensions)
            {
                Check(rgt_script_feature_shape(script, layer, channels, height, width, buffer, dimensions.Length, out rank));
            }

            if (rank <= dimensions.Length)
            {
                break;
            }

            dimensions = new long[rank];
        }

        var shape = dimensions.Take(rank).Select(d => checked((int)d)).ToArray();
        shapes[key] = shape;
        return shape;
    }

    /// <summary>Features per image at <paramref name="layer"/>: the product of <see cref="GetFeatureShape"/>.</summary>
    public int GetFeatureCount(string? layer, int channels, int height, int width) =>
        checked(GetFeatureShape(layer, channels, height, width).Aggregate(1, (a, b) => a * b));

    /// <summary>
    /// The output of <paramref name="layer"/> (null: the forward output) for <paramref name="count"/> images of
    /// channels × height × width floats each, run in batches of <paramref name="batchSize"/> without gradients.
    /// </summary>
    public TorchScriptFeatures Features(
        ReadOnlySpan<float> images, int count, int channels, int height, int width, string? layer = null, int batchSize = 32)
    {
        CheckImages(images, count, channels, height, width, batchSize);
        var shape = GetFeatureShape(layer, channels, height, width);
        var featureCount = GetFeatureCount(layer, channels, height, width);
        var values = new float[checked((long)count * featureCount)];
        Features(images, count, channels, height, width, layer, batchSize, values);
        return new TorchScriptFeatures(values, count, shape, featureCount);
    }

    /// <summary>Writes count × <see cref="GetFeatureCount"/> features into <paramref name="features"/>.</summary>
    public unsafe void Features(
        ReadOnlySpan<float> images,
        int count,
        int channels,
        int height,
        int width,
        string? layer,
        int batchSize,
        Span<float> features)
    {
        CheckImages(images, count, channels, height, width, batchSize);
        fixed (float* inputs = images)
        fixed (float* outputs = features)
        {
            Check(rgt_script_features(script, layer, inputs, count, channels, height, width, batchSize, outputs, features.Length));
        }
    }

    public void Dispose() => script.Dispose();

    private static float[] PerChannel(IReadOnlyList<float> values, int channels, string name)
    {
        if (values.Count == 1)
        {
            return Enumerable.Repeat(values[0], channels).ToArray();
        }

        if (values.Count != channels)
        {
            throw new ArgumentException($"expected 1 or {channels} values, got {values.Count}", name);
        }

        return values.ToArray();
    }

    private unsafe string ReadDescription() =>
        ReadString((byte* buffer, int capacity, out int length) => rgt_script_describe(script, buffer, capacity, out length));

    private void CheckImages(ReadOnlySpan<float> images, int count, int channels, int height, int width, int batchSize)
    {
        ObjectDisposedException.ThrowIf(script.IsClosed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var expected = (long)count * channels * height * width;
        if (images.Length != expected)
        {
            throw new ArgumentException(
                $"expected {count} × {channels} × {height} × {width} = {expected} floats, got {images.Length}", nameof(images));
        }
    }
}
