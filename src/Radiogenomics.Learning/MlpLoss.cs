namespace Radiogenomics.Learning;

/// <summary>The loss a <see cref="MultilayerPerceptron"/> trains on, and what its targets are.</summary>
public enum MlpLoss
{
    /// <summary>Mean squared error; one target per output (an autoencoder's targets are its inputs).</summary>
    MeanSquaredError,

    /// <summary>Mean absolute error; one target per output.</summary>
    MeanAbsoluteError,

    /// <summary>Binary cross-entropy on the logit output; one 0/1 target.</summary>
    BinaryCrossEntropy,

    /// <summary>
    /// Cox negative log partial likelihood with Breslow's ties, averaged over the events of each batch (DeepSurv);
    /// two targets per sample, time and event (1 = event, 0 = censored); the one output is the risk (higher = worse).
    /// </summary>
    Cox,
}
