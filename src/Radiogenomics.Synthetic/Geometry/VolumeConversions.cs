namespace Radiogenomics.Synthetic;

/// <summary>Conversions a DICOM writer needs.</summary>
public static class VolumeConversions
{
    /// <summary>
    /// The volume as unsigned 16-bit pixels (BitsStored 12 is enough: phase images hold whole numbers in [0, 4095], so the
    /// conversion is exact with RescaleSlope 1 and RescaleIntercept 0). Values outside [0, 65535] are clamped; fractions rounded.
    /// </summary>
    public static ushort[] ToUInt16(this Volume<float> volume)
    {
        var src = volume.Voxels;
        var dst = new ushort[src.Length];
        for (int i = 0; i < src.Length; i++) dst[i] = (ushort)Math.Clamp(MathF.Round(src[i]), 0f, 65535f);
        return dst;
    }
}
