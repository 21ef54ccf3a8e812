namespace Radiogenomics.Stages;

/// <summary>How fetch.local reads expression: decided from the files, STAR-counts files, or one matrix.</summary>
public enum ExpressionFormat
{
    Auto,
    StarCounts,
    Matrix,
}
