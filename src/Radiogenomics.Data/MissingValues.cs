namespace Radiogenomics.Data;

/// <summary>
/// The cell texts that mean "no value" in every table the libraries read (R's NA, pandas' NaN and nan,
/// spreadsheets' N/A, SQL's NULL, Stata's "."), and the one written for a missing value.
/// </summary>
public static class MissingValues
{
    public static readonly IReadOnlyList<string> Tokens = ["", "NA", "NaN", "nan", "N/A", "null", "NULL", "."];

    /// <summary>What a writer puts in a text cell with no value (R reads it back as NA).</summary>
    public const string Written = "NA";

    /// <summary>True when the cell (surrounding white space ignored) is one of <see cref="Tokens"/>.</summary>
    public static bool IsMissing(string? cell) => cell is null || Tokens.Contains(cell.Trim());
}
