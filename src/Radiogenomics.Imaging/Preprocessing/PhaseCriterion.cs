namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>What told the phases of a dynamic series apart.</summary>
public enum PhaseCriterion
{
    /// <summary>Every file lies at a distinct position: the series is one phase.</summary>
    SinglePhase,
    TemporalPositionIdentifier,
    TriggerTime,
    AcquisitionTime,
    /// <summary>No timing attribute separated them: the n-th file (in Instance Number order) at each position is phase n.</summary>
    RepeatedPosition,
}
