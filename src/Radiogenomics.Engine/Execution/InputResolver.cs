using System.Text.RegularExpressions;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// Expands a source stage's input patterns — a file, a folder (all files below it) or a glob with
/// <c>*</c>, <c>?</c> and <c>**</c> — into workspace files, sorted by relative path so that keys do not
/// depend on directory listing order.
/// </summary>
public static class InputResolver
{
    public static List<string> Expand(string workspaceRoot, string pattern, out string? problem)
    {
        problem = null;
        string normalised = pattern.Replace('\\', '/');
        string full = Path.GetFullPath(Path.Combine(workspaceRoot, normalised));
        var files = new List<string>();
        if (!normalised.Contains('*') && !normalised.Contains('?'))
        {
            if (File.Exists(full)) files.Add(full);
            else if (Directory.Exists(full)) files.AddRange(Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Where(f => !IsHidden(full, f)));
            else problem = $"'{pattern}' is neither a file nor a folder (looked for {full})";
        }
        else
        {
            // The fixed prefix before the first wildcard is where the walk starts.
            int wildcard = normalised.IndexOfAny(['*', '?']);
            int slash = normalised.LastIndexOf('/', wildcard);
            string baseRelative = slash < 0 ? "" : normalised[..slash];
            string baseDir = Path.GetFullPath(Path.Combine(workspaceRoot, baseRelative));
            var regex = GlobToRegex(normalised[(slash + 1)..]);
            if (Directory.Exists(baseDir))
                foreach (var f in Directory.EnumerateFiles(baseDir, "*", SearchOption.AllDirectories))
                    if (regex.IsMatch(Path.GetRelativePath(baseDir, f).Replace('\\', '/')) && !IsHidden(baseDir, f))
                        files.Add(f);
            if (files.Count == 0) problem = $"'{pattern}' matches no file (searched {baseDir})";
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Dot-files (.DS_Store, editor swap files) never count as data.</summary>
    private static bool IsHidden(string root, string file) =>
        Path.GetRelativePath(root, file).Split('/', '\\').Any(part => part.StartsWith('.'));

    internal static Regex GlobToRegex(string glob)
    {
        var sb = new System.Text.StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                bool slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
