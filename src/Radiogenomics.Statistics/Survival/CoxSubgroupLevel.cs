namespace Radiogenomics.Statistics;

/// <summary>
/// The exposure's effect within one level of the subgroup variable (coxph on that level's subjects): subjects, events,
/// and per exposure term the coefficient, hazard ratio with 95 % Wald CI and Wald p. <see cref="Fit"/> is null when the
/// level has no events.
/// </summary>
public sealed record CoxSubgroupLevel(string Level, int Count, int EventCount, CoxFit? Fit);
