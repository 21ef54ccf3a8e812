namespace Radiogenomics.Stages;

/// <summary>How <c>survive.km</c> turns a continuous column (e.g. a risk score) into a low and a high group.</summary>
public enum SurvivalCut
{
    /// <summary>No cut: the column's values are the groups (a clinical category).</summary>
    None,

    /// <summary>At the median: ≤ median is low.</summary>
    Median,

    /// <summary>At the maximally selected log-rank statistic (maxstat / survminer::surv_cutpoint) over all patients.</summary>
    Maxstat,

    /// <summary>At <c>cut_value</c>.</summary>
    Value,

    /// <summary>Per cross-validation fold, at the maxstat cut of the other folds' patients: no patient's own outcome chooses its cut.</summary>
    CrossValidated,
}
