using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>
/// One record of NBIA v4 <c>getSeries</c>, with the API's field names mapped to properties. Dates are kept as the
/// server sends them (e.g. "2002-12-22 00:00:00.0"): they are de-identified and not for computing intervals.
/// <see cref="FileSize"/> and <see cref="ImageCount"/> describe the DICOM files, not the zip getImage streams.
/// </summary>
public sealed record TciaSeries
{
    public required string SeriesInstanceUid { get; init; }
    public string? StudyInstanceUid { get; init; }
    public string? Modality { get; init; }
    public string? ProtocolName { get; init; }
    public string? SeriesDate { get; init; }
    public string? SeriesDescription { get; init; }
    public string? BodyPartExamined { get; init; }
    public int? SeriesNumber { get; init; }
    public bool? AnnotationsFlag { get; init; }
    public string? Collection { get; init; }
    public string? PatientId { get; init; }
    public string? Manufacturer { get; init; }
    public string? ManufacturerModelName { get; init; }
    public string? SoftwareVersions { get; init; }
    public int? ImageCount { get; init; }
    public string? TimeStamp { get; init; }
    public string? LicenseName { get; init; }
    public string? LicenseUri { get; init; }

    /// <summary>DataDescriptionURI (older servers: CollectionURI), the collection's DOI link.</summary>
    public string? DataDescriptionUri { get; init; }

    public long? FileSize { get; init; }
    public string? DateReleased { get; init; }

    /// <summary>The API's StudyDesc.</summary>
    public string? StudyDescription { get; init; }

    public string? StudyDate { get; init; }
    public string? ThirdPartyAnalysis { get; init; }

    internal static TciaSeries? FromJson(JsonElement e)
    {
        var uid = JsonRead.String(e, "SeriesInstanceUID");
        if (string.IsNullOrWhiteSpace(uid)) return null;
        return new TciaSeries
        {
            SeriesInstanceUid = uid,
            StudyInstanceUid = JsonRead.String(e, "StudyInstanceUID"),
            Modality = JsonRead.String(e, "Modality"),
            ProtocolName = JsonRead.String(e, "ProtocolName"),
            SeriesDate = JsonRead.String(e, "SeriesDate"),
            SeriesDescription = JsonRead.String(e, "SeriesDescription"),
            BodyPartExamined = JsonRead.String(e, "BodyPartExamined"),
            SeriesNumber = JsonRead.Int32(e, "SeriesNumber"),
            AnnotationsFlag = JsonRead.Bool(e, "AnnotationsFlag"),
            Collection = JsonRead.String(e, "Collection"),
            PatientId = JsonRead.String(e, "PatientID"),
            Manufacturer = JsonRead.String(e, "Manufacturer"),
            ManufacturerModelName = JsonRead.String(e, "ManufacturerModelName"),
            SoftwareVersions = JsonRead.String(e, "SoftwareVersions"),
            ImageCount = JsonRead.Int32(e, "ImageCount"),
            TimeStamp = JsonRead.String(e, "TimeStamp"),
            LicenseName = JsonRead.String(e, "LicenseName"),
            LicenseUri = JsonRead.String(e, "LicenseURI"),
            DataDescriptionUri = JsonRead.String(e, "DataDescriptionURI", "CollectionURI"),
            FileSize = JsonRead.Int64(e, "FileSize"),
            DateReleased = JsonRead.String(e, "DateReleased"),
            StudyDescription = JsonRead.String(e, "StudyDesc", "StudyDescription"),
            StudyDate = JsonRead.String(e, "StudyDate"),
            ThirdPartyAnalysis = JsonRead.String(e, "ThirdPartyAnalysis"),
        };
    }
}
