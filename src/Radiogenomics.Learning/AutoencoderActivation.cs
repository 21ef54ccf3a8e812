namespace Radiogenomics.Learning;

/// <summary>The hidden activation of <see cref="AutoencoderConfig"/>.</summary>
public enum AutoencoderActivation
{
    /// <summary>max(0, x), as published.</summary>
    Relu,

    /// <summary>x for x ≥ 0, slope·x below: a unit never outputs a constant 0 for every input.</summary>
    LeakyRelu,
}
