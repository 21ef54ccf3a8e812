namespace Radiogenomics.Imaging.Dicom;

/// <summary>Sorts objects into images and the non-image kinds a radiomics pipeline must leave out.</summary>
internal static class DicomObjectClassifier
{
    public static DicomObjectKind Classify(string sopClassUid, string modality, bool hasPixelData)
    {
        // SOP class first: it is mandatory and specific; Modality is a fallback for odd exporters.
        var bySopClass = sopClassUid switch
        {
            "1.2.840.10008.5.1.4.1.1.88.59" => DicomObjectKind.KeyObjectSelection,
            _ when sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.88.", StringComparison.Ordinal) => DicomObjectKind.StructuredReport,
            _ when sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.11.", StringComparison.Ordinal) => DicomObjectKind.PresentationState,
            "1.2.840.10008.5.1.4.1.1.66.4" => DicomObjectKind.Segmentation,
            "1.2.840.10008.5.1.4.1.1.481.3" => DicomObjectKind.RtStructureSet,
            _ when sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.104.", StringComparison.Ordinal) => DicomObjectKind.EncapsulatedDocument,
            // Raw data, spatial registration/fiducials, waveforms, RT plans and records.
            _ when sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.66", StringComparison.Ordinal)
                || sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.9.", StringComparison.Ordinal)
                || sopClassUid is "1.2.840.10008.5.1.4.1.1.481.5" or "1.2.840.10008.5.1.4.1.1.481.8"
                || sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.481.4", StringComparison.Ordinal)
                || sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.481.6", StringComparison.Ordinal)
                || sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.481.7", StringComparison.Ordinal) => DicomObjectKind.OtherNonImage,
            _ => (DicomObjectKind?)null,
        };
        if (bySopClass is { } kind)
        {
            return kind;
        }

        var byModality = modality.ToUpperInvariant() switch
        {
            "SR" => DicomObjectKind.StructuredReport,
            "PR" => DicomObjectKind.PresentationState,
            "KO" => DicomObjectKind.KeyObjectSelection,
            "SEG" => DicomObjectKind.Segmentation,
            "RTSTRUCT" => DicomObjectKind.RtStructureSet,
            "DOC" => DicomObjectKind.EncapsulatedDocument,
            "RTPLAN" or "RTRECORD" or "REG" or "FID" or "ECG" or "HD" or "AU" or "PLAN" => DicomObjectKind.OtherNonImage,
            _ => (DicomObjectKind?)null,
        };
        if (byModality is { } modalityKind)
        {
            return modalityKind;
        }
        return hasPixelData ? DicomObjectKind.Image : DicomObjectKind.OtherNonImage;
    }
}
