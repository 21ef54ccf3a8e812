namespace Radiogenomics.Stages;

/// <summary>How a classify stage turns its label column into 0/1 (see <see cref="Data.LabelRule"/>).</summary>
public enum LabelRuleKind
{
    /// <summary>A 0/1 column as it is, or a two-level text column with <c>positive</c> named.</summary>
    Auto,

    /// <summary>Numeric: positive above <c>threshold</c>.</summary>
    Threshold,

    /// <summary>Numeric: positive above the <c>quantile</c> of the training patients, computed inside each training fold.</summary>
    Quantile,
}
