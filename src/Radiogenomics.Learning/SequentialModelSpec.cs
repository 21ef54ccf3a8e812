using System.Text;
using System.Text.Json;

namespace Radiogenomics.Learning;

/// <summary>
/// A small sequential network for <see cref="TorchScriptModel.BuildSequential"/>: named layers applied in order,
/// weights drawn from a generator seeded with <see cref="Seed"/> (PyTorch's default bounds ±1/√fan_in for conv and
/// linear; batch norm drawn too, so it is not the identity). The built module behaves like a torchvision CNN
/// for the sequential-prefix rule, which makes it a stand-in for pretrained networks in tests.
/// </summary>
public sealed record SequentialModelSpec
{
    /// <summary>The top-level class name (a Python identifier).</summary>
    public string Name { get; init; } = "SequentialNet";

    public int InputChannels { get; init; } = 3;

    /// <summary>Seeds the weights; null draws one from <see cref="TorchRuntime.SetSeed"/>'s generator.</summary>
    public ulong? Seed { get; init; }

    public IReadOnlyList<SequentialLayer> Layers { get; init; } = [];

    /// <summary>The spec as rgt_script_build_sequential reads it.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("name", Name);
            writer.WriteNumber("input_channels", InputChannels);
            if (Seed is { } seed)
            {
                writer.WriteNumber("seed", seed);
            }

            writer.WriteStartArray("layers");
            foreach (var layer in Layers)
            {
                layer.Write(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
