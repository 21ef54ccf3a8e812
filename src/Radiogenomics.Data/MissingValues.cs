namespace Radiogenomics.Data;

/// <summary>
/// The one list of cell texts that mean "no value" in every table the libraries read (R's NA, pandas' NaN and nan,
/// spreadsheets' N/A, SQL's NULL, Stata's "."), TCGA's clinical placeholders on top for clinical tables, and the
/// text written for a missing value.
/// </summary>
public static class MissingValues
{
    public static readonly IReadOnlyList<string> Tokens = ["", "NA", "NaN", "nan", "N/A", "null", "NULL", "."];

    /// <summary>What a writer puts in a text cell with no value (R reads it back as NA).</summary>
    public const string Written = "NA";

    /// <summary>TCGA's and GDC's "no record" codes in clinical tables (compared case-insensitively).</summary>
    public static readonly IReadOnlyList<string> ClinicalPlaceholders =
        ["[Not Available]", "[Not Evaluated]", "[Unknown]", "[Not Applicable]", "[Discrepancy]", "Not Reported", "Unknown"];

    /// <summary>True when the cell (surrounding white space ignored) is one of <see cref="Tokens"/>.</summary>
    public static bool IsMissing(string? cell) => cell is null || Tokens.Contains(cell.Trim());

    /// <summary>A missing value of a clinical table: one of <see cref="Tokens"/> or a <see cref="ClinicalPlaceholders"/> code, in any case.</summary>
    public static bool IsMissingClinical(string? cell) =>
        cell is null || Tokens.Contains(cell.Trim(), StringComparer.OrdinalIgnoreCase) || ClinicalPlaceholders.Contains(cell.Trim(), StringComparer.OrdinalIgnoreCase);
}
