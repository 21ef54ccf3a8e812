namespace Radiogenomics.Stages;

/// <summary>Isotropic resampling before slicing.</summary>
public enum ResampleMethod
{
    None,
    Linear,
    Bspline,
}
