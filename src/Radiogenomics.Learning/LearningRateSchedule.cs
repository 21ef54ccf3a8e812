namespace Radiogenomics.Learning;

/// <summary>How the learning rate moves after warm-up.</summary>
public enum LearningRateSchedule
{
    /// <summary>The base rate throughout (Keras' default).</summary>
    Constant,

    /// <summary>Half a cosine from the base rate to 0 at the last step.</summary>
    Cosine,
}
