using System.Text.Json;

namespace Radiogenomics.Learning;

/// <summary>
/// One layer of a <see cref="SequentialModelSpec"/>. Create it with the factory for its type; unset options
/// take the defaults of native/README.md. <see cref="Values"/> replaces drawn tensors (by name: "weight",
/// "bias", and for batch norm "running_mean", "running_var") with known numbers, flattened row-major.
/// </summary>
public sealed record SequentialLayer
{
    private SequentialLayer(string name, string type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
    }

    /// <summary>The child's name in the built module; a Python identifier.</summary>
    public string Name { get; }

    /// <summary>The spec's layer type, e.g. "conv2d".</summary>
    public string Type { get; }

    /// <summary>conv2d: input channels, inferred from the previous layers when null.</summary>
    public int? InChannels { get; init; }

    public int? OutChannels { get; init; }

    public int? KernelSize { get; init; }

    /// <summary>conv2d: 1 when null; maxpool2d: the kernel size when null.</summary>
    public int? Stride { get; init; }

    public int? Padding { get; init; }

    /// <summary>conv2d and linear: whether there is a bias (true when null).</summary>
    public bool? Bias { get; init; }

    /// <summary>batchnorm2d: features, the current channel count when null.</summary>
    public int? NumFeatures { get; init; }

    /// <summary>batchnorm2d: 1e-5 when null.</summary>
    public double? Eps { get; init; }

    /// <summary>linear: inferred after adaptive_avgpool2d or another linear when null.</summary>
    public int? InFeatures { get; init; }

    public int? OutFeatures { get; init; }

    /// <summary>Known tensor values by name, each flattened row-major; the others keep their seeded draws.</summary>
    public IReadOnlyDictionary<string, float[]>? Values { get; init; }

    /// <summary>Cross-correlation with zero padding: out = bias + Σ weight[o, i, dy, dx] · x[i, y·s + dy − p, x·s + dx − p].</summary>
    public static SequentialLayer Conv2d(string name, int outChannels, int kernelSize, int stride = 1, int padding = 0, bool bias = true) =>
        new(name, "conv2d") { OutChannels = outChannels, KernelSize = kernelSize, Stride = stride, Padding = padding, Bias = bias };

    /// <summary>Batch normalisation in eval form: (x − running_mean) / √(running_var + eps) · weight + bias.</summary>
    public static SequentialLayer BatchNorm2d(string name, double eps = 1e-5) => new(name, "batchnorm2d") { Eps = eps };

    public static SequentialLayer Relu(string name) => new(name, "relu");

    public static SequentialLayer MaxPool2d(string name, int kernelSize, int? stride = null, int padding = 0) =>
        new(name, "maxpool2d") { KernelSize = kernelSize, Stride = stride, Padding = padding };

    /// <summary>The mean over each channel's rows and columns, N × C × 1 × 1.</summary>
    public static SequentialLayer AdaptiveAvgPool2d(string name) => new(name, "adaptive_avgpool2d");

    public static SequentialLayer Flatten(string name) => new(name, "flatten");

    /// <summary>x · weightᵀ + bias; a tensor with more than two dimensions is flattened before it.</summary>
    public static SequentialLayer Linear(string name, int outFeatures, int? inFeatures = null, bool bias = true) =>
        new(name, "linear") { OutFeatures = outFeatures, InFeatures = inFeatures, Bias = bias };

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteString("type", Type);
        WriteOptional(writer, "in_channels", InChannels);
        WriteOptional(writer, "out_channels", OutChannels);
        WriteOptional(writer, "kernel_size", KernelSize);
        WriteOptional(writer, "stride", Stride);
        WriteOptional(writer, "padding", Padding);
        WriteOptional(writer, "num_features", NumFeatures);
        WriteOptional(writer, "in_features", InFeatures);
        WriteOptional(writer, "out_features", OutFeatures);
        if (Bias is { } bias)
        {
            writer.WriteBoolean("bias", bias);
        }

        if (Eps is { } eps)
        {
            writer.WriteNumber("eps", eps);
        }

        if (Values is { Count: > 0 } values)
        {
            writer.WriteStartObject("values");
            foreach (var (tensor, numbers) in values)
            {
                writer.WriteStartArray(tensor);
                foreach (var number in numbers)
                {
                    writer.WriteNumberValue(number);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }
}
