namespace Radiogenomics.Stages;

/// <summary>Which columns <c>survive.cox</c> screens one at a time (univariable Cox, BH q over all screened).</summary>
public enum SurvivalScreen
{
    /// <summary>Every image feature and every genomic feature that the stage consumes.</summary>
    Auto,

    /// <summary>No screen.</summary>
    None,

    /// <summary>Only the image features (aggregated per patient).</summary>
    Features,

    /// <summary>Only the genomic features.</summary>
    Genomic,
}
