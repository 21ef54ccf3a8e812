using Radiogenomics.Engine.Stages;

namespace Radiogenomics.Stages;

/// <summary>How preprocess.dce chooses the DCE phase.</summary>
public enum PhaseRule
{
    [Choice("phase-index")] PhaseIndex,
    [Choice("temporal-position")] TemporalPosition,
    Description,
    [Choice("acquisition-order")] AcquisitionOrder,
}
