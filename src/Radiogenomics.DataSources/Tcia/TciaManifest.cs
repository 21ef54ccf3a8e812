namespace Radiogenomics.DataSources;

/// <summary>
/// A TCIA <c>.tcia</c> manifest (what the portal's cart exports for the NBIA Data Retriever): <c>key=value</c>
/// header lines (downloadServerUrl, includeAnnotation, noOfrRetry, databasketId, manifestVersion), then the line
/// <c>ListOfSeriesToDownload=</c> and one SeriesInstanceUID per line. Parsed by the marker, not by counting header
/// lines, since some tools write fewer keys; a UTF-8 BOM and CRLF line ends are accepted.
/// </summary>
public sealed record TciaManifest(
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyList<string> SeriesInstanceUids,
    IReadOnlyList<DataProblem> Problems)
{
    public const string ListMarker = "ListOfSeriesToDownload=";

    public string? DownloadServerUrl => Properties.GetValueOrDefault("downloadServerUrl");
    public string? ManifestVersion => Properties.GetValueOrDefault("manifestVersion");

    public static TciaManifest Read(string path, BadRecordPolicy policy = BadRecordPolicy.Fail)
    {
        using var reader = TextFiles.OpenText(path);
        return Parse(reader, path, policy);
    }

    /// <summary>Bad UID lines and repeats are problems: dropped under Skip/KeepAsMissing, thrown together under Fail.</summary>
    public static TciaManifest Parse(TextReader reader, string sourceName = "<manifest>", BadRecordPolicy policy = BadRecordPolicy.Fail)
    {
        var log = new ProblemLog(sourceName, policy);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var uids = new List<string>();
        var seenAt = new Dictionary<string, long>(StringComparer.Ordinal);
        var inList = false;
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var text = line.Trim().TrimStart('\uFEFF');
            if (text.Length == 0) continue;
            if (!inList)
            {
                if (text.StartsWith(ListMarker, StringComparison.OrdinalIgnoreCase))
                {
                    inList = true;
                    text = text[ListMarker.Length..].Trim(); // tolerate a UID on the marker line itself
                    if (text.Length == 0) continue;
                }
                else
                {
                    if (text.StartsWith('#')) continue;
                    var eq = text.IndexOf('=');
                    if (eq > 0) properties[text[..eq].Trim()] = text[(eq + 1)..].Trim();
                    continue;
                }
            }

            if (!DicomUid.IsValid(text))
            {
                log.Add(lineNumber, text, "not a DICOM SeriesInstanceUID (digits and dots, at most 64 characters)",
                    "delete the line, or export the manifest again from the TCIA portal");
                continue;
            }
            if (seenAt.TryGetValue(text, out var first))
            {
                log.Add(lineNumber, text, $"listed again (first on line {first})", "delete the repeated line; the series is fetched once");
                continue;
            }
            seenAt[text] = lineNumber;
            uids.Add(text);
        }

        if (!inList)
            log.Add(0, ListMarker, "the marker line is missing, so no series are listed",
                "this is not a TCIA .tcia manifest; export one from the TCIA portal's cart (\"Download\" → manifest)");
        return new TciaManifest(properties, uids, log.Complete());
    }
}
