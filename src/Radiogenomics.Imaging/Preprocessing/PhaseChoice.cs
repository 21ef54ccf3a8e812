namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>How <see cref="SeriesSelector"/> picks the one post-contrast phase per patient.</summary>
public enum PhaseChoice
{
    /// <summary>
    /// Phase <see cref="SeriesSelectionRule.PhaseIndex"/> (0 = pre-contrast) of the multi-phase DCE series with the
    /// most phases; when every DCE series holds one phase (one series per phase), as <see cref="AcquisitionOrder"/>.
    /// </summary>
    PhaseIndex,

    /// <summary>The phase with Temporal Position Identifier <see cref="SeriesSelectionRule.TemporalPositionIdentifier"/>.</summary>
    TemporalPositionIdentifier,

    /// <summary>
    /// The first DCE series (by Series Number) whose description matches <see cref="SeriesSelectionRule.PhaseDescriptionPattern"/>;
    /// its only phase, or phase <see cref="SeriesSelectionRule.PhaseIndex"/> when it holds several.
    /// </summary>
    SeriesDescription,

    /// <summary>All phases of all DCE series of the patient, ordered by acquisition time: the <see cref="SeriesSelectionRule.PhaseIndex"/>-th.</summary>
    AcquisitionOrder,
}
