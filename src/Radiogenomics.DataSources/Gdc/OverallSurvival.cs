namespace Radiogenomics.DataSources;

/// <summary>Overall survival of one case: <see cref="Event"/> true when the patient died, <see cref="Days"/> from
/// diagnosis to death or to the last contact (censoring).</summary>
/// <param name="TimeSource">Which field gave the time, for the run's provenance.</param>
public sealed record OverallSurvival(bool Event, double Days, string TimeSource);
