namespace Radiogenomics.Learning;

/// <summary>What follows the output layer of a <see cref="MultilayerPerceptron"/>.</summary>
public enum MlpOutputActivation
{
    /// <summary>Nothing: risk scores, logits (the binary cross-entropy takes logits), regressions, reconstructions.</summary>
    Linear,

    /// <summary>ReLU: non-negative outputs (Smedley &amp; Hsu's non-negativity constraint on predicted image features).</summary>
    Relu,
    Sigmoid,
    Tanh,
}
