namespace Radiogenomics.Data;

/// <summary>
/// Ensembl gene ids as GDC writes them: <c>ENSG00000000003.15</c>, and for GENCODE's pseudo-autosomal copies on Y
/// <c>ENSG00000002586.20_PAR_Y</c>. Joining across releases needs the version stripped, but the PAR_Y copy must keep
/// its suffix: it is a different row than its X twin (same base id), and merging them would add or overwrite counts.
/// </summary>
public static class EnsemblGeneId
{
    public const string ParYSuffix = "_PAR_Y";

    /// <summary>The join key: version removed, _PAR_Y kept. <c>ENSG00000000003.15</c> → <c>ENSG00000000003</c>,
    /// <c>ENSG00000002586.20_PAR_Y</c> → <c>ENSG00000002586_PAR_Y</c>. Throws on text that is not an Ensembl gene id.</summary>
    public static string StripVersion(string id) =>
        TryParse(id, out var key, out _, out var error) ? key : throw new FormatException(error);

    public static bool IsParY(string id) => id.EndsWith(ParYSuffix, StringComparison.Ordinal);

    /// <summary>Splits an id into its join key and version (null when unversioned).</summary>
    public static bool TryParse(string? id, out string key, out int? version, out string error)
    {
        key = "";
        version = null;
        error = "";
        if (string.IsNullOrWhiteSpace(id))
        {
            error = "empty gene id";
            return false;
        }
        var text = id.Trim();
        var parY = IsParY(text);
        var core = parY ? text[..^ParYSuffix.Length] : text;
        var dot = core.IndexOf('.');
        var stem = dot < 0 ? core : core[..dot];
        if (dot >= 0)
        {
            var v = core[(dot + 1)..];
            if (v.Length == 0 || v.Length > 4 || !v.All(char.IsAsciiDigit))
            {
                error = $"'{id}': the version after '.' must be a number (e.g. ENSG00000000003.15)";
                return false;
            }
            version = int.Parse(v, System.Globalization.CultureInfo.InvariantCulture);
        }
        // ENS + optional species letters + G + 11 digits (human: ENSG00000000003; mouse: ENSMUSG...).
        var g = stem.Length - 12;
        if (!stem.StartsWith("ENS", StringComparison.Ordinal) || g < 3 || stem[g] != 'G'
            || !stem[(g + 1)..].All(char.IsAsciiDigit) || !stem[3..g].All(char.IsAsciiLetterUpper))
        {
            error = $"'{id}' is not an Ensembl gene id (ENSG + 11 digits, optional .version and _PAR_Y)";
            return false;
        }
        key = parY ? stem + ParYSuffix : stem;
        return true;
    }
}
