namespace Radiogenomics.Stages;

/// <summary>Which slices preprocess.dce keeps.</summary>
public enum SliceSelection
{
    All,
    Tumour,
    Central,
}
