namespace Radiogenomics.Stages;

/// <summary>How a classify stage's <c>positive</c>, <c>negative</c> and <c>exclude</c> name a label column's levels.</summary>
public enum LabelMatch
{
    /// <summary>A level is named by its whole spelling.</summary>
    Exact,

    /// <summary>A level is named by its start: <c>T2</c> covers T2, T2a, T2b and T2c.</summary>
    Prefix,
}
