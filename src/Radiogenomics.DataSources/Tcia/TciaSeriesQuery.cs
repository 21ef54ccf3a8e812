namespace Radiogenomics.DataSources;

/// <summary>Filters for NBIA <c>getSeries</c>; unset ones are not sent (v4 answers 400 to unknown parameters).
/// At least one must be set: an unfiltered getSeries lists every series in the archive.</summary>
public sealed record TciaSeriesQuery
{
    public string? Collection { get; init; }
    public string? PatientId { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }
    public string? Modality { get; init; }
    public string? BodyPartExamined { get; init; }
    public string? Manufacturer { get; init; }
    public string? ManufacturerModelName { get; init; }

    /// <summary>The query parameters, with the API's (case-sensitive) names.</summary>
    internal IEnumerable<KeyValuePair<string, string>> Parameters()
    {
        (string Name, string? Value)[] all =
        [
            ("Collection", Collection), ("PatientID", PatientId), ("StudyInstanceUID", StudyInstanceUid),
            ("SeriesInstanceUID", SeriesInstanceUid), ("Modality", Modality), ("BodyPartExamined", BodyPartExamined),
            ("Manufacturer", Manufacturer), ("ManufacturerModelName", ManufacturerModelName),
        ];
        return all.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => KeyValuePair.Create(p.Name, p.Value!.Trim()));
    }
}
