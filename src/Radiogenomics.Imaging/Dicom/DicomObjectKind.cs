namespace Radiogenomics.Imaging.Dicom;

/// <summary>What a DICOM object holds, from its SOP Class UID, Modality and whether it has Pixel Data.</summary>
public enum DicomObjectKind
{
    Image,
    StructuredReport,
    PresentationState,
    KeyObjectSelection,
    Segmentation,
    RtStructureSet,
    EncapsulatedDocument,

    /// <summary>Any other object without an image (waveforms, RT plans, registrations, raw data).</summary>
    OtherNonImage,
}
