using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>extract.dae's learning rate after warm-up.</summary>
public enum DaeSchedule
{
    Constant,
    Cosine,

    /// <summary>Full rate for the first epoch, then learning_rate / √epoch.</summary>
    [Choice("inverse-sqrt")] InverseSqrt,
}
