namespace Radiogenomics.Statistics;

/// <summary>How the Cox partial likelihood treats deaths at the same time (R <c>coxph(ties = ...)</c>).</summary>
public enum CoxTies
{
    /// <summary>Efron's approximation, coxph's default.</summary>
    Efron,

    /// <summary>Breslow's approximation: every tied death sees the whole risk set.</summary>
    Breslow,
}
