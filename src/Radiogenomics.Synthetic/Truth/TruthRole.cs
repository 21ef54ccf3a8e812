namespace Radiogenomics.Synthetic;

/// <summary>How an entity relates to a target in the planted truth.</summary>
public enum TruthRole
{
    /// <summary>The target's equation contains the entity's driver (non-zero planted coefficient).</summary>
    Direct,
    /// <summary>No coefficient, but correlated through correlated programmes or a mediator (|expected correlation| ≥ 0.1).</summary>
    Indirect,
    /// <summary>A gene set with a minority of driver genes: a weak, diluted association.</summary>
    Partial,
    /// <summary>No association with any target.</summary>
    Null,
}
