namespace Radiogenomics.Synthetic;

/// <summary>Which breast holds the tumour and is imaged (the sagittal slab covers one breast).</summary>
public enum Laterality { Left, Right }
