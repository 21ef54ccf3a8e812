using System.Text;

namespace Radiogenomics.Imaging.Dicom;

/// <summary>Encodes values for writing: even-length padding, VR length limits, character repertoire.</summary>
internal static class DicomElementEncoder
{
    // Characters (not bytes) per value, PS3.5 table 6.2-1.
    private static int MaxLength(gdcm.VR.VRType vr) => vr switch
    {
        gdcm.VR.VRType.AE or gdcm.VR.VRType.CS or gdcm.VR.VRType.SH or gdcm.VR.VRType.DS => 16,
        gdcm.VR.VRType.IS => 12,
        gdcm.VR.VRType.LO => 64,
        gdcm.VR.VRType.UI => 64,
        gdcm.VR.VRType.PN => 64 * 3,
        gdcm.VR.VRType.DA => 8,
        gdcm.VR.VRType.TM => 16,
        _ => 10240,
    };

    /// <summary>True when every string can go out without (0008,0005); otherwise files are written as UTF-8.</summary>
    public static bool IsAscii(string value) => Ascii.IsValid(value);

    public static EncodedElement Text((ushort Group, ushort Element) tag, gdcm.VR.VRType vr, string value, string what, bool utf8 = false)
    {
        value ??= "";
        foreach (var component in value.Split('\\'))
        {
            if (component.Length > MaxLength(vr))
            {
                throw new ArgumentException(
                    $"{what} '{value}' is too long for DICOM {vr} ({component.Length} characters, at most {MaxLength(vr)}); shorten it.");
            }
            if (vr == gdcm.VR.VRType.CS && component.Any(c => !(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or '_')))
            {
                throw new ArgumentException($"{what} '{value}' is not a DICOM code string (CS): use A-Z, 0-9, space and '_' only.");
            }
            if (!utf8 && !IsAscii(component))
            {
                throw new ArgumentException($"{what} '{value}' has non-ASCII characters, which DICOM {vr} cannot hold here.");
            }
        }
        var bytes = utf8 ? Encoding.UTF8.GetBytes(value) : Encoding.ASCII.GetBytes(value);
        return new EncodedElement(tag.Group, tag.Element, vr, Pad(bytes, vr == gdcm.VR.VRType.UI ? (byte)0 : (byte)' '));
    }

    public static EncodedElement Uid((ushort Group, ushort Element) tag, string uid, string what)
    {
        if (!DicomUidGenerator.IsValid(uid))
        {
            throw new ArgumentException(
                $"{what} '{uid}' is not a valid DICOM UID (digits and dots, no leading zeros, at most 64 characters). " +
                "Make one with DicomUidGenerator.");
        }
        return Text(tag, gdcm.VR.VRType.UI, uid, what);
    }

    public static EncodedElement Decimal((ushort Group, ushort Element) tag, string what, params double[] values) =>
        Text(tag, gdcm.VR.VRType.DS, DicomValueText.FormatDecimals(values), what);

    public static EncodedElement Integer((ushort Group, ushort Element) tag, int value, string what) =>
        Text(tag, gdcm.VR.VRType.IS, value.ToString(System.Globalization.CultureInfo.InvariantCulture), what);

    public static EncodedElement UShort((ushort Group, ushort Element) tag, int value) =>
        new(tag.Group, tag.Element, gdcm.VR.VRType.US, [(byte)(value & 0xFF), (byte)((value >> 8) & 0xFF)]);

    /// <summary>A type 2 element: present, possibly empty.</summary>
    public static EncodedElement Empty((ushort Group, ushort Element) tag, gdcm.VR.VRType vr) => new(tag.Group, tag.Element, vr, []);

    private static byte[] Pad(byte[] bytes, byte padding)
    {
        if (bytes.Length % 2 == 0)
        {
            return bytes;
        }
        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }
}
