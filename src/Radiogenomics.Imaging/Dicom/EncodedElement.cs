namespace Radiogenomics.Imaging.Dicom;

/// <summary>One element ready for GDCM: tag, VR and the value bytes in explicit VR little endian.</summary>
internal readonly record struct EncodedElement(ushort Group, ushort Element, gdcm.VR.VRType Vr, byte[] Value);
