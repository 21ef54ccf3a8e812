using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>The hidden activation of extract.dae.</summary>
public enum DaeActivation
{
    [Choice("leaky-relu")] LeakyRelu,
    Relu,
}
