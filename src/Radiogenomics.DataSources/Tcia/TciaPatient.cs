using System.Text.Json;

namespace Radiogenomics.DataSources;

/// <summary>One record of NBIA <c>getPatient</c>. For TCGA collections <see cref="PatientId"/> is the 12-character
/// participant barcode (TCGA-XX-XXXX), the join key with GDC's case submitter_id.</summary>
public sealed record TciaPatient(
    string PatientId,
    string? PatientName,
    string? PatientSex,
    string? EthnicGroup,
    string? Collection,
    bool? Phantom,
    string? SpeciesCode,
    string? SpeciesDescription)
{
    internal static TciaPatient? FromJson(JsonElement e)
    {
        // v4 spells it PatientId; v1 and getSeries spell it PatientID (the lookup ignores case anyway).
        var id = JsonRead.String(e, "PatientId", "PatientID");
        if (string.IsNullOrWhiteSpace(id)) return null;
        return new TciaPatient(id,
            JsonRead.String(e, "PatientName"),
            JsonRead.String(e, "PatientSex"),
            JsonRead.String(e, "EthnicGroup"),
            JsonRead.String(e, "Collection"),
            JsonRead.Bool(e, "Phantom"),
            JsonRead.String(e, "SpeciesCode"),
            JsonRead.String(e, "SpeciesDescription"));
    }
}
