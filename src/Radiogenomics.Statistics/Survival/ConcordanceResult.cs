namespace Radiogenomics.Statistics;

/// <summary>
/// Harrell's concordance as survival's <c>concordance(..., reverse = TRUE)</c> (and coxph) reports it: pair counts
/// (a higher score with the shorter time is concordant), C = (concordant + tied.x / 2) / (concordant + discordant +
/// tied.x), and its infinitesimal-jackknife standard error.
/// </summary>
public sealed record ConcordanceResult(double Concordant, double Discordant, double TiedX, double TiedY, double TiedXY, double Concordance, double StandardError);
