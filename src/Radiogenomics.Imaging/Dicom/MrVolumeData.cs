using System.Buffers.Binary;

namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// The voxels of one volume, slice after slice, each slice row-major:
/// index = (slice × Rows + row) × Columns + column. Stored as 16-bit integers; float voxels are quantised
/// with a Rescale Slope/Intercept of the caller's choice (value = slope × stored + intercept).
/// </summary>
public sealed class MrVolumeData
{
    private readonly ReadOnlyMemory<short> signed;
    private readonly ReadOnlyMemory<ushort> unsigned;
    private readonly ReadOnlyMemory<float> real;
    private readonly Kind kind;

    private MrVolumeData(Kind kind, int length, bool isSigned, double slope, double intercept,
        ReadOnlyMemory<short> signed = default, ReadOnlyMemory<ushort> unsigned = default, ReadOnlyMemory<float> real = default)
    {
        this.kind = kind;
        Length = length;
        IsSigned = isSigned;
        RescaleSlope = slope;
        RescaleIntercept = intercept;
        this.signed = signed;
        this.unsigned = unsigned;
        this.real = real;
    }

    private enum Kind
    {
        Int16,
        UInt16,
        Float,
    }

    /// <summary>Signed 16-bit stored values (Pixel Representation 1), no rescale.</summary>
    public static MrVolumeData FromInt16(ReadOnlyMemory<short> voxels) => new(Kind.Int16, voxels.Length, true, 1, 0, signed: voxels);

    /// <summary>Unsigned 16-bit stored values (Pixel Representation 0), no rescale.</summary>
    public static MrVolumeData FromUInt16(ReadOnlyMemory<ushort> voxels) => new(Kind.UInt16, voxels.Length, false, 1, 0, unsigned: voxels);

    /// <summary>
    /// Float voxels stored as round((value − intercept) / slope) in 16 bits (signed or not). Writing throws if a
    /// value does not fit: pick a slope of about (max − min) / 65535 and an intercept near the minimum.
    /// </summary>
    public static MrVolumeData FromFloat(ReadOnlyMemory<float> voxels, double rescaleSlope, double rescaleIntercept, bool signedStorage = false)
    {
        if (!double.IsFinite(rescaleSlope) || rescaleSlope == 0 || !double.IsFinite(rescaleIntercept))
        {
            throw new ArgumentException($"Rescale slope ({rescaleSlope}) must be finite and non-zero and the intercept ({rescaleIntercept}) finite.");
        }
        return new(Kind.Float, voxels.Length, signedStorage, rescaleSlope, rescaleIntercept, real: voxels);
    }

    public int Length { get; }

    /// <summary>Pixel Representation 1 (two's complement) when true.</summary>
    public bool IsSigned { get; }

    public double RescaleSlope { get; }

    public double RescaleIntercept { get; }

    /// <summary>Float input always writes Rescale Slope/Intercept/Type, even when they are 1 and 0.</summary>
    public bool WritesRescale => kind == Kind.Float;

    /// <summary>Encodes one slice as little-endian 16-bit stored values into <paramref name="destination"/>.</summary>
    internal void EncodeSlice(int slice, int sliceSize, Span<byte> destination)
    {
        var start = slice * sliceSize;
        switch (kind)
        {
            case Kind.Int16:
            {
                var source = signed.Span.Slice(start, sliceSize);
                for (var i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], source[i]);
                }
                break;
            }
            case Kind.UInt16:
            {
                var source = unsigned.Span.Slice(start, sliceSize);
                for (var i = 0; i < source.Length; i++)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], source[i]);
                }
                break;
            }
            default:
            {
                var source = real.Span.Slice(start, sliceSize);
                for (var i = 0; i < source.Length; i++)
                {
                    var stored = Quantise(source[i], start + i, sliceSize);
                    if (IsSigned)
                    {
                        BinaryPrimitives.WriteInt16LittleEndian(destination[(2 * i)..], (short)stored);
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(destination[(2 * i)..], (ushort)stored);
                    }
                }
                break;
            }
        }
    }

    /// <summary>Throws for the first float voxel that does not fit the storage, before any file is written.</summary>
    internal void CheckStorable(int sliceSize)
    {
        if (kind != Kind.Float)
        {
            return;
        }
        var source = real.Span;
        for (var i = 0; i < source.Length; i++)
        {
            Quantise(source[i], i, sliceSize);
        }
    }

    private double Quantise(float value, int index, int sliceSize)
    {
        var stored = Math.Round((value - RescaleIntercept) / RescaleSlope, MidpointRounding.AwayFromZero);
        double min = IsSigned ? short.MinValue : ushort.MinValue, max = IsSigned ? short.MaxValue : ushort.MaxValue;
        if (!(stored >= min && stored <= max))
        {
            throw new ArgumentOutOfRangeException(nameof(value),
                $"Voxel {index % sliceSize} of slice {index / sliceSize} ({value}) does not fit {(IsSigned ? "signed" : "unsigned")} 16-bit " +
                $"storage with slope {RescaleSlope} and intercept {RescaleIntercept} (stored value {stored}). Choose a larger slope or " +
                "another intercept, e.g. slope = (max − min) / 65535 and intercept = min.");
        }
        return stored;
    }
}
