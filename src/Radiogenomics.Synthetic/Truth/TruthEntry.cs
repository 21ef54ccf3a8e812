namespace Radiogenomics.Synthetic;

/// <summary>One row of the truth table.</summary>
/// <param name="Kind">Gene, pathway, signature, programme or tumour property.</param>
/// <param name="EntityId">Gene id (versioned), set/signature name, programme or property name.</param>
/// <param name="EntityName">Gene symbol, or the same as the id.</param>
/// <param name="Target">A tumour property (size, enhancement, washout, heterogeneity, margin_irregularity), a clinical variable
/// (er_status, pr_status, her2_status, t_stage, n_stage), hazard, or "none" for null rows.</param>
/// <param name="Role">Direct, indirect, partial or null.</param>
/// <param name="Effect">Planted coefficient on the entity's driver (per SD); see <paramref name="EffectScale"/>. 0 for indirect and null rows.</param>
/// <param name="EffectScale">Units of <paramref name="Effect"/>: sd_per_sd, probit_per_sd, ordinal_probit_per_sd, log_hr_per_sd, defines_status, thresholds.</param>
/// <param name="ExpectedCorrelation">Population correlation between the entity (log expression, mean log expression of a set, or the latent) and the target's
/// latent scale, from the model's covariance and the NB noise (log-scale variance ≈ φ + 1/μ at the median library size). Approximate for sets and signatures.</param>
/// <param name="Program">The driver programme behind the entity, if any.</param>
/// <param name="Loading">Gene rows: natural-log expression change per SD of the driver.</param>
public sealed record TruthEntry(
    TruthEntityKind Kind, string EntityId, string EntityName, string Target, TruthRole Role,
    double Effect, string EffectScale, double ExpectedCorrelation, DriverProgram? Program, double Loading);
