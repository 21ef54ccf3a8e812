namespace Radiogenomics.Statistics;

/// <summary>Alternative hypothesis of a test (R's <c>alternative =</c>).</summary>
public enum Alternative
{
    /// <summary><c>"two.sided"</c>.</summary>
    TwoSided = 0,

    /// <summary><c>"less"</c>: association below the null value.</summary>
    Less = 1,

    /// <summary><c>"greater"</c>: association above the null value.</summary>
    Greater = 2,
}
