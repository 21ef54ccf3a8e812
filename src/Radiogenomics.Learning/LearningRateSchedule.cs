namespace Radiogenomics.Learning;

/// <summary>How the learning rate moves after warm-up.</summary>
public enum LearningRateSchedule
{
    /// <summary>The base rate throughout (Keras' default).</summary>
    Constant,

    /// <summary>Half a cosine from the base rate to 0 at the last step.</summary>
    Cosine,

    /// <summary>base × √(DecaySteps / steps after warm-up), capped at the base: the rate falls as 1/√epoch, which damps
    /// the step-to-step noise of small batches while the first epoch runs at the full rate.</summary>
    InverseSqrt,
}
