namespace Radiogenomics.Learning;

public enum MlpOptimizer
{
    /// <summary>Adam (β 0.9, 0.999; ε 1e-7 as Keras).</summary>
    Adam,

    /// <summary>Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD.</summary>
    Sgd,
}
