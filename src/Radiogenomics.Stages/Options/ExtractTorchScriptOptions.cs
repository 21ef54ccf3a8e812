using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The parameters of <c>extract.torchscript</c>.</summary>
public sealed record ExtractTorchScriptOptions
{
    [Option("top-level child whose output becomes the features (ResNet: avgpool gives 2,048); empty = the model's forward output")]
    public string Layer { get; init; } = "avgpool";

    [Option("images are resized to input_size × input_size (ImageNet models: 224); 0 keeps the tensor size", Minimum = 0, Maximum = 4096)]
    public int InputSize { get; init; } = 224;

    [Option("input channels: the grey image is copied into each", Minimum = 1, Maximum = 16)]
    public int Channels { get; init; } = 3;

    [Option("imagenet: (x − mean) / sd per channel with torchvision's ImageNet statistics (3 channels); none: the [0, 1] intensities as they are")]
    public InputNormalization Normalization { get; init; } = InputNormalization.Imagenet;

    [Option("images per forward pass (memory only; the features do not depend on it)", Minimum = 1, Maximum = 65536)]
    public int BatchSize { get; init; } = 32;

    [Option("libtorch CPU threads; 0 = all cores", Minimum = 0, Maximum = 1024)]
    public int Threads { get; init; }
}
