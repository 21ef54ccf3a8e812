namespace Radiogenomics.DataSources;

/// <summary>Decides whether a zip entry name can be placed under a folder without escaping it (zip-slip).</summary>
internal static class ArchivePaths
{
    /// <summary>
    /// A relative path made of the name's segments, or false with the reason. Backslashes count as separators
    /// (zips made on Windows use them, and "..\evil" must be caught on every OS).
    /// </summary>
    public static bool TryGetSafeRelativePath(string entryName, out string relative, out string reason)
    {
        relative = "";
        reason = "";
        if (string.IsNullOrEmpty(entryName)) return Fail("empty name", out reason);
        if (entryName.Any(c => c < 0x20 || c == 0x7F)) return Fail("control character in name", out reason);
        var name = entryName.Replace('\\', '/');
        if (name.StartsWith('/')) return Fail("absolute path", out reason);
        if (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':') return Fail("drive letter", out reason);
        var kept = new List<string>();
        foreach (var segment in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..") return Fail("parent-folder segment '..'", out reason);
            if (segment == ".") continue;
            if (segment.Contains(':')) return Fail("':' in name (drive or stream syntax)", out reason);
            kept.Add(segment);
        }
        relative = string.Join(Path.DirectorySeparatorChar, kept);
        return true;
    }

    /// <summary>Defence in depth after the name checks: the resolved path must be strictly inside <paramref name="root"/>.</summary>
    public static bool IsInside(string root, string relative, out string fullPath)
    {
        var rootFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        fullPath = Path.GetFullPath(Path.Combine(rootFull, relative));
        return fullPath.StartsWith(rootFull, StringComparison.Ordinal) && fullPath.Length > rootFull.Length;
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
