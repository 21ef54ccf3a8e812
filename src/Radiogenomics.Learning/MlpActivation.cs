namespace Radiogenomics.Learning;

/// <summary>Activation after every hidden layer of a <see cref="MultilayerPerceptron"/>.</summary>
public enum MlpActivation
{
    Relu,
    Tanh,

    /// <summary>Scaled exponential linear unit (DeepSurv's later default).</summary>
    Selu,
}
