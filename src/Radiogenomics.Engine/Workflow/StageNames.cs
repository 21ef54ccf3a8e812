using System.Text;

namespace Radiogenomics.Engine.Workflow;

/// <summary>Naming rules shared by the YAML validator, the Cake front end and the CLI.</summary>
public static class StageNames
{
    public static string ToTaskName(string id)
    {
        var sb = new StringBuilder(id.Length);
        bool upper = true;
        foreach (char c in id)
        {
            if (c is '-' or '_' or '.') { upper = true; continue; }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.ToString();
    }

    /// <summary>Ids become task names, file names and SQL view names, so keep them plain.</summary>
    public static bool IsValidId(string id) =>
        id.Length > 0 && char.IsAsciiLetterLower(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>A workflow's name becomes a folder under cache/state/ and runs/ (characters other than letters, digits, '-', '_' and '.' turn into '_'), so it must not be empty, '.' or '..'.</summary>
    public static bool IsValidWorkflowName(string name) =>
        name.Trim().Length > 0 && name.Length <= 100 && RecordStoreSafe(name) is not ("." or "..") && !name.Any(char.IsControl);

    private static string RecordStoreSafe(string name) => Caching.RecordStore.Sanitize(name);
}
