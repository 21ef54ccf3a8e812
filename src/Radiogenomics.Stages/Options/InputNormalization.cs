namespace Radiogenomics.Stages;

/// <summary>What a TorchScript model's input is normalised with.</summary>
public enum InputNormalization
{
    Imagenet,
    None,
}
