using System.Text.RegularExpressions;
using Radiogenomics.Engine.Caching;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// Expands a source stage's input patterns — a file, a folder (all files below it) or a glob with
/// <c>*</c>, <c>?</c> and <c>**</c> — into workspace files, sorted by relative path so that keys do not
/// depend on directory listing order.
/// <para>
/// Inputs stay inside the allowed roots: the workspace, plus any folder the workflow declares under
/// <c>external_roots</c>. A pattern that resolves outside them (<c>../x.csv</c>, <c>/etc/passwd</c>) is refused, and so is
/// a symbolic link — to a file or a folder, anywhere below an input folder — whose target lies outside: the problem
/// names the link. Folders are walked without following links out, so a link to <c>/etc</c> is never read.
/// </para>
/// </summary>
public static class InputResolver
{
    public static List<string> Expand(string workspaceRoot, string pattern, out string? problem) =>
        Expand(workspaceRoot, pattern, [workspaceRoot], out problem);

    /// <param name="allowedRoots">Absolute folders inputs may come from (the workspace first).</param>
    public static List<string> Expand(string workspaceRoot, string pattern, IReadOnlyList<string> allowedRoots, out string? problem)
    {
        problem = null;
        var roots = allowedRoots.Select(r => FileIdentity.RealPath(Path.GetFullPath(r))).ToList();
        string normalised = pattern.Replace('\\', '/');
        string full = Path.GetFullPath(Path.Combine(workspaceRoot, normalised));
        var files = new List<string>();
        bool glob = normalised.Contains('*') || normalised.Contains('?');
        int wildcard = glob ? normalised.IndexOfAny(['*', '?']) : -1;
        int slash = glob ? normalised.LastIndexOf('/', wildcard) : -1;
        // Where the walk starts: the path itself, or the fixed prefix before the first wildcard.
        string start = glob ? Path.GetFullPath(Path.Combine(workspaceRoot, slash < 0 ? "" : normalised[..slash])) : full;
        if (!Inside(start, roots) && !Inside(FileIdentity.RealPath(start), roots))
        {
            problem = $"'{pattern}' resolves to {start}, outside the workspace {workspaceRoot}" + ExternalHint(roots);
            return files;
        }
        if (Directory.Exists(start) || File.Exists(start))
        {
            string real = FileIdentity.RealPath(start);
            if (!Inside(real, roots))
            {
                problem = $"'{pattern}' goes through a symbolic link to {real}, outside the allowed roots" + ExternalHint(roots);
                return files;
            }
        }
        if (!glob)
        {
            if (File.Exists(full)) files.Add(full);
            else if (Directory.Exists(full)) problem = Walk(full, roots, files, f => true);
            else problem = $"'{pattern}' is neither a file nor a folder (looked for {full})";
        }
        else
        {
            var regex = GlobToRegex(normalised[(slash + 1)..]);
            if (Directory.Exists(start))
                problem = Walk(start, roots, files, f => regex.IsMatch(Path.GetRelativePath(start, f).Replace('\\', '/')));
            if (problem is null && files.Count == 0) problem = $"'{pattern}' matches no file (searched {start})";
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Adds the files below <paramref name="folder"/> that <paramref name="wanted"/> accepts, skipping dot-files; a link
    /// whose target leaves the roots is a problem naming it (only when the walk would read it), a link inside is followed once.
    /// </summary>
    private static string? Walk(string folder, List<string> roots, List<string> files, Func<string, bool> wanted)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { FileIdentity.RealPath(folder) };
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith('.')) continue; // .DS_Store, editor swap files, .git never count as data
                bool isLink = entry.LinkTarget is not null;
                bool isDir = (entry.Attributes & FileAttributes.Directory) != 0 || (isLink && Directory.Exists(entry.FullName));
                if (!isDir && !wanted(entry.FullName)) continue;
                if (isLink)
                {
                    string real = FileIdentity.RealPath(entry.FullName);
                    if (!File.Exists(real) && !Directory.Exists(real))
                        return $"the symbolic link {entry.FullName} points to {entry.LinkTarget}, which does not exist";
                    if (!Inside(real, roots))
                        return $"the symbolic link {entry.FullName} points outside the allowed roots (to {real}); copy the data in, or declare its folder under external_roots" + ExternalHint(roots);
                    if (isDir && !seen.Add(real)) continue; // a link back up the tree: walk each folder once
                }
                if (isDir) pending.Push(entry.FullName);
                else files.Add(entry.FullName);
            }
        }
        return null;
    }

    private static bool Inside(string path, List<string> roots) =>
        roots.Any(r => path == r || path.StartsWith(r.EndsWith('/') ? r : r + "/", StringComparison.Ordinal));

    private static string ExternalHint(List<string> roots) =>
        $"; inputs are read from the workspace{(roots.Count > 1 ? " and the declared external_roots (" + string.Join(", ", roots.Skip(1)) + ")" : "")} only — " +
        "to read data kept elsewhere, declare its folder in the workflow (external_roots: [/path/to/data])";

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
