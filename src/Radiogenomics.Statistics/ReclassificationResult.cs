namespace Radiogenomics.Statistics;

/// <summary>
/// NRI (overall, events, non-events) and IDI of a new model over an old one, as <c>Hmisc::improveProb</c> and its print
/// method report them, with the proportions of events and non-events moving up and down.
/// </summary>
public sealed record ReclassificationResult(
    ImprovementIndex Nri, ImprovementIndex NriEvents, ImprovementIndex NriNonEvents, ImprovementIndex Idi,
    int Events, int NonEvents, double UpEvents, double DownEvents, double UpNonEvents, double DownNonEvents);
