namespace Radiogenomics.Imaging.Radiomics;

/// <summary>PyRadiomics' image types (its <c>imageType</c> keys), the images features are computed on.</summary>
public enum ImageTypeKind
{
    Original,
    LoG,
    Wavelet,
    Square,
    SquareRoot,
    Logarithm,
    Exponential,
    Gradient,
}
