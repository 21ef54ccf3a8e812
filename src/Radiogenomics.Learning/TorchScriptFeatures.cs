namespace Radiogenomics.Learning;

/// <summary>
/// Features of <see cref="Count"/> images taken at one layer of a TorchScript model: <see cref="Values"/> holds
/// Count × <see cref="FeatureCount"/> floats, each image's layer output flattened row-major (for a
/// C × H × W output: channel·H·W + row·W + column).
/// </summary>
public sealed class TorchScriptFeatures
{
    internal TorchScriptFeatures(float[] values, int count, IReadOnlyList<int> shape, int featureCount)
    {
        Values = values;
        Count = count;
        Shape = shape;
        FeatureCount = featureCount;
    }

    public float[] Values { get; }

    public int Count { get; }

    /// <summary>One image's output shape before flattening, e.g. [512, 1, 1] for ResNet's avgpool.</summary>
    public IReadOnlyList<int> Shape { get; }

    public int FeatureCount { get; }

    /// <summary>The features of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return Values.AsSpan(index * FeatureCount, FeatureCount);
        }
    }
}
