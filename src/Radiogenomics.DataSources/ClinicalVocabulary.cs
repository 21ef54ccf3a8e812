using System.Text.RegularExpressions;

namespace Radiogenomics.DataSources;

/// <summary>
/// The codes clinical columns may hold, recognised by column name as TCGA and GDC write them: receptor status
/// (ER, PR, HER2), T and N stage. A value outside the vocabulary is a problem for the errors table rather than a
/// silent new category; TCGA's bracketed "not available" codes count as missing.
/// </summary>
public static partial class ClinicalVocabulary
{
    private static readonly string[] ReceptorValues = ["Positive", "Negative", "Equivocal", "Indeterminate", "Pos", "Neg", "1", "0"];

    [GeneratedRegex(@"(^|[^a-z])(er|pr|her2|estrogen|progesterone)([^a-z]|$)|receptor|her2", RegexOptions.IgnoreCase)]
    private static partial Regex ReceptorColumn();

    // GDC's AJCC spellings too: T1mi (microinvasion), and N0 (i-) / N0 (mol+) with a space before the parenthesis.
    [GeneratedRegex(@"^T([0-4]|X|is)([a-d]|mi)?$|^T[1-4]$|^[0-4](\.0)?$")]
    private static partial Regex TStage();

    [GeneratedRegex(@"^N([0-3]|X)([a-c]|mi| ?\(i[+-]\)| ?\(mol[+-]\))?$|^[0-3](\.0)?$")]
    private static partial Regex NStage();

    /// <summary>What a column holds, from its name: "receptor", "t_stage", "n_stage" or null (not checked).</summary>
    public static string? KindOf(string column)
    {
        string c = column.ToLowerInvariant();
        if (c.Contains("coded", StringComparison.Ordinal)) return null; // TCGA's Tumor--T1 Coded / Node-Coded are free text
        if (c is "tumor" or "t" or "t_stage" or "ajcc_pathologic_t" or "pathologic_t") return "t_stage";
        if (c is "node" or "n" or "n_stage" or "ajcc_pathologic_n" or "pathologic_n") return "n_stage";
        return ReceptorColumn().IsMatch(column) && (c.Contains("status") || c.Contains("her2") || c is "er" or "pr") ? "receptor" : null;
    }

    /// <summary>Missing by the contracts' one list (<see cref="MissingValues.IsMissingClinical"/>): NA, NaN, empty, TCGA's bracketed codes, ….</summary>
    public static bool IsMissing(string value) => MissingValues.IsMissingClinical(value);

    /// <summary>True when <paramref name="value"/> is a valid code for a column of <paramref name="kind"/>.</summary>
    public static bool IsValid(string kind, string value) => IsMissing(value) || kind switch
    {
        "receptor" => ReceptorValues.Contains(value, StringComparer.OrdinalIgnoreCase),
        "t_stage" => TStage().IsMatch(value),
        "n_stage" => NStage().IsMatch(value),
        _ => true,
    };

    /// <summary>The vocabulary's name in a sentence: "receptor status", "T stage", "N stage".</summary>
    public static string Describe(string kind) => kind switch
    {
        "receptor" => "receptor status",
        "t_stage" => "T stage",
        "n_stage" => "N stage",
        _ => kind,
    };

    public static string Expected(string kind) => kind switch
    {
        "receptor" => "Positive, Negative, Equivocal or Indeterminate (or a missing code such as [Not Available])",
        "t_stage" => "an AJCC T stage: T0–T4 with an optional a–d or mi, TX or Tis, or its number 0–4 (e.g. the seed's 0/1 coding)",
        "n_stage" => "an AJCC N stage: N0–N3 with an optional a–c, mi, (i+) or (mol+) (GDC writes N0 (i-)), NX, or its number 0–3 (0/1: node-negative/positive)",
        _ => "",
    };
}
