namespace Radiogenomics.Statistics;

/// <summary>
/// A Kaplan–Meier curve read at a chosen time, as <c>summary(survfit, times = t, extend = TRUE)</c>: the number at risk at
/// t (follow-up ≥ t), the events since the previous chosen time, and S(t) with the standard error of S(t) (summary's std.err: S·se(−log S)).
/// </summary>
public readonly record struct SurvivalAtTime(double Time, int AtRisk, int Events, double Survival, double StandardError);
