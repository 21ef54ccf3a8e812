namespace Radiogenomics.Learning;

/// <summary>How the learning rate of a <see cref="MultilayerPerceptron"/>'s optimiser changes during training.</summary>
public enum MlpSchedule
{
    Constant,

    /// <summary>Per epoch: rate × gamma^⌊epoch / step size⌋ (torch's StepLR).</summary>
    Step,

    /// <summary>Per epoch: rate × gamma^epoch (torch's ExponentialLR).</summary>
    Exponential,

    /// <summary>Per step: rate / (1 + decay rate × steps) (Keras' SGD "decay").</summary>
    InverseTime,
}
