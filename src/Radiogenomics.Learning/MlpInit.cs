namespace Radiogenomics.Learning;

/// <summary>How a <see cref="MultilayerPerceptron"/>'s weights start, drawn layer by layer (weight, then bias) from its seed.</summary>
public enum MlpInit
{
    /// <summary>torch.nn.Linear's default: weight and bias from U(−1/√fan_in, 1/√fan_in).</summary>
    Pytorch,

    /// <summary>Keras' default: Glorot-uniform weights, zero biases.</summary>
    GlorotUniform,
}
