namespace Radiogenomics.Stages;

/// <summary>What classify stages hold out together.</summary>
public enum ClassifySplit
{
    /// <summary>Whole patients (the honest split): no patient's images are on both sides of a fold.</summary>
    Patient,

    /// <summary>
    /// Single images, as the Liu &amp; Hu 2023 seed code did: a patient's slices land in training and test folds, so the
    /// estimate is leaky. Exists only to show the leak; it warns and marks its results leaky.
    /// </summary>
    Image,
}
