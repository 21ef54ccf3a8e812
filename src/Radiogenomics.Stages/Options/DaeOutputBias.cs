using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The initial bias of extract.dae's output convolution.</summary>
public enum DaeOutputBias
{
    /// <summary>logit of the training images' mean pixel: the sigmoid starts at the data's mean.</summary>
    [Choice("mean-pixel")] MeanPixel,

    /// <summary>Keras' zero: the sigmoid starts at 0.5 (the published model).</summary>
    Zero,
}
