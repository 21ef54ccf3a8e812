namespace Radiogenomics.Stages;

/// <summary>Feature column names of <c>extract.radiomics</c>.</summary>
public enum RadiomicsNaming
{
    /// <summary>PyRadiomics' keys (original_glcm_Contrast) with its definitions where they differ from IBSI.</summary>
    Pyradiomics,

    /// <summary>Every IBSI feature and aggregation (glcm_joint_maximum_3d_averaged) with IBSI's definitions.</summary>
    Ibsi,
}
