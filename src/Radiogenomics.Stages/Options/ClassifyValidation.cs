namespace Radiogenomics.Stages;

/// <summary>How a classify stage estimates its performance.</summary>
public enum ClassifyValidation
{
    /// <summary>Nested cross-validation over all patients (outer folds for the estimate).</summary>
    Cv,

    /// <summary>
    /// Train on one cohort, test on another (Liu et al. 2024's training and validation cohorts): the cohort column's
    /// training level, or a seeded stratified split when no cohort column is named. The training cohort's estimate is
    /// still nested cross-validation; the validation patients are scored by the model trained on all training patients.
    /// </summary>
    External,
}
