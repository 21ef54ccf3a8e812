namespace Radiogenomics.DataSources;

/// <summary>DICOM UID syntax (PS3.5 9.1): digits and dots, at most 64 characters, no empty component.
/// UIDs become folder and file names, so anything else is refused before it reaches the file system.</summary>
internal static class DicomUid
{
    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > 64) return false;
        if (uid[0] == '.' || uid[^1] == '.') return false;
        var previousDot = false;
        foreach (var c in uid)
        {
            if (c == '.')
            {
                if (previousDot) return false;
                previousDot = true;
            }
            else if (char.IsAsciiDigit(c)) previousDot = false;
            else return false;
        }
        return true;
    }

    public static void Require(string? uid, string paramName)
    {
        if (!IsValid(uid))
            throw new ArgumentException($"'{uid}' is not a DICOM UID (digits and dots, at most 64 characters), e.g. 1.3.6.1.4.1.14519.5.2.1.1234", paramName);
    }
}
