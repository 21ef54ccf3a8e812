using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// NIfTI-1 single-file writer (<c>.nii</c>, or gzip-compressed when the path ends in <c>.gz</c>), the counterpart of
/// <see cref="NiftiReader"/>. The voxel order is the geometry's (i = column fastest, j = row, k = slice), and both qform and sform (code 1, scanner anatomical) hold the RAS
/// affine, which is the DICOM LPS affine with its x and y rows negated — what ITK and dcm2niix write for the same series.
/// </summary>
public static class NiftiWriter
{
    public const int HeaderSize = 348, VoxelOffset = 352;
    public const short DataTypeUInt8 = 2, DataTypeInt16 = 4, DataTypeFloat32 = 16, DataTypeUInt16 = 512;

    /// <summary>Writes a label volume (e.g. a tumour mask) as unsigned 8-bit.</summary>
    public static void Write(string path, VolumeGeometry geometry, ReadOnlySpan<byte> labels, string description = "label volume") =>
        Write(path, geometry, DataTypeUInt8, 8, labels, description);

    /// <summary>Writes an intensity volume as 32-bit float.</summary>
    public static void Write(string path, VolumeGeometry geometry, ReadOnlySpan<float> values, string description = "image")
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        Write(path, geometry, DataTypeFloat32, 32, bytes, description);
    }

    public static void Write(string path, ImageVolume volume, string description = "image") => Write(path, volume.Geometry, volume.Voxels, description);

    private static void Write(string path, VolumeGeometry geometry, short dataType, short bitsPerVoxel, ReadOnlySpan<byte> data, string description)
    {
        if (data.Length != geometry.VoxelCount * bitsPerVoxel / 8)
            throw new ArgumentException($"{data.Length * 8 / bitsPerVoxel} voxels for a {geometry} grid of {geometry.VoxelCount}", nameof(data));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using Stream output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Optimal) : file;
        output.Write(CreateHeader(geometry, dataType, bitsPerVoxel, description));
        output.Write(data);
    }

    /// <summary>The 348-byte header plus the 4-byte (empty) extension flag, little-endian.</summary>
    public static byte[] CreateHeader(VolumeGeometry g, short dataType, short bitsPerVoxel, string description)
    {
        var h = new byte[VoxelOffset];
        var s = h.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(s, HeaderSize);
        h[38] = (byte)'r'; // "regular", as the Analyze-compatible field expects
        short[] dim = [3, (short)g.Columns, (short)g.Rows, (short)g.Slices, 1, 1, 1, 1];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteInt16LittleEndian(s[(40 + 2 * i)..], dim[i]);
        BinaryPrimitives.WriteInt16LittleEndian(s[70..], dataType);
        BinaryPrimitives.WriteInt16LittleEndian(s[72..], bitsPerVoxel);

        var ras = g.RasAffine();
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 4; c++) ras[r, c] += 0.0; // −0 → +0 (negating a zero cosine gives −0)
        var (qb, qc, qd, qfac) = Quaternion(g);
        var (fb, fc, fd) = StoredQuaternion(qb, qc, qd);
        float[] pixdim = [(float)qfac, (float)g.ColumnSpacing, (float)g.RowSpacing, (float)g.SliceSpacing, 0, 0, 0, 0];
        for (int i = 0; i < 8; i++) BinaryPrimitives.WriteSingleLittleEndian(s[(76 + 4 * i)..], pixdim[i]);
        BinaryPrimitives.WriteSingleLittleEndian(s[108..], VoxelOffset);
        BinaryPrimitives.WriteSingleLittleEndian(s[112..], 1f); // scl_slope: stored values are the values
        BinaryPrimitives.WriteSingleLittleEndian(s[116..], 0f); // scl_inter
        h[123] = 2;                                             // xyzt_units: millimetres
        var desc = Encoding.ASCII.GetBytes(description);
        desc.AsSpan(0, Math.Min(desc.Length, 79)).CopyTo(s[148..]);
        BinaryPrimitives.WriteInt16LittleEndian(s[252..], 1);   // qform_code: scanner anatomical
        BinaryPrimitives.WriteInt16LittleEndian(s[254..], 1);   // sform_code: scanner anatomical
        BinaryPrimitives.WriteSingleLittleEndian(s[256..], fb);
        BinaryPrimitives.WriteSingleLittleEndian(s[260..], fc);
        BinaryPrimitives.WriteSingleLittleEndian(s[264..], fd);
        BinaryPrimitives.WriteSingleLittleEndian(s[268..], (float)ras[0, 3]);
        BinaryPrimitives.WriteSingleLittleEndian(s[272..], (float)ras[1, 3]);
        BinaryPrimitives.WriteSingleLittleEndian(s[276..], (float)ras[2, 3]);
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 4; c++) BinaryPrimitives.WriteSingleLittleEndian(s[(280 + 16 * r + 4 * c)..], (float)ras[r, c]);
        "n+1\0"u8.CopyTo(s[344..]);
        return h;
    }

    /// <summary>
    /// (b, c, d) rounded to single precision. Readers recompute a = √(1 − b² − c² − d²); for rotations near 180° (a ≈ 0) plain
    /// rounding leaves 1 − Σ ≈ 10⁻⁸ and a ≈ 10⁻⁴, tilting the axes by 10⁻⁴ rad. Nudging the largest component up by single-precision
    /// ulps until Σ ≥ 1 makes nifti1_io (threshold 1e-7) and nibabel (−3·eps₃₂) both read a = 0 exactly.
    /// </summary>
    internal static (float B, float C, float D) StoredQuaternion(double b, double c, double d)
    {
        float fb = (float)b, fc = (float)c, fd = (float)d;
        double a2 = 1 - (b * b + c * c + d * d);
        if (a2 > 1e-6) return (fb, fc, fd);
        for (int i = 0; i < 8 && (double)fb * fb + (double)fc * fc + (double)fd * fd < 1; i++)
        {
            float ab = Math.Abs(fb), ac = Math.Abs(fc), ad = Math.Abs(fd);
            if (ab >= ac && ab >= ad) fb = MathF.CopySign(MathF.BitIncrement(ab), fb);
            else if (ac >= ad) fc = MathF.CopySign(MathF.BitIncrement(ac), fc);
            else fd = MathF.CopySign(MathF.BitIncrement(ad), fd);
        }
        return (fb, fc, fd);
    }

    /// <summary>Quaternion (b, c, d) and qfac of the RAS rotation, following nifti1_io's <c>nifti_mat44_to_quatern</c>.</summary>
    public static (double B, double C, double D, double Qfac) Quaternion(VolumeGeometry g)
    {
        // Columns of the RAS rotation: the LPS direction cosines with x and y negated.
        var u = g.RowDirection; var v = g.ColumnDirection; var w = g.SliceDirection;
        double r11 = -u.X, r12 = -v.X, r13 = -w.X;
        double r21 = -u.Y, r22 = -v.Y, r23 = -w.Y;
        double r31 = u.Z, r32 = v.Z, r33 = w.Z;
        double det = r11 * (r22 * r33 - r32 * r23) - r12 * (r21 * r33 - r31 * r23) + r13 * (r21 * r32 - r31 * r22);
        double qfac = 1;
        if (det < 0) { qfac = -1; r13 = -r13; r23 = -r23; r33 = -r33; }
        double a = r11 + r22 + r33 + 1, b, c, d;
        if (a > 0.5)
        {
            a = 0.5 * Math.Sqrt(a);
            b = 0.25 * (r32 - r23) / a;
            c = 0.25 * (r13 - r31) / a;
            d = 0.25 * (r21 - r12) / a;
        }
        else
        {
            double xd = 1 + r11 - (r22 + r33), yd = 1 + r22 - (r11 + r33), zd = 1 + r33 - (r11 + r22);
            if (xd > 1)
            {
                b = 0.5 * Math.Sqrt(xd); c = 0.25 * (r12 + r21) / b; d = 0.25 * (r13 + r31) / b; a = 0.25 * (r32 - r23) / b;
            }
            else if (yd > 1)
            {
                c = 0.5 * Math.Sqrt(yd); b = 0.25 * (r12 + r21) / c; d = 0.25 * (r23 + r32) / c; a = 0.25 * (r13 - r31) / c;
            }
            else
            {
                d = 0.5 * Math.Sqrt(zd); b = 0.25 * (r13 + r31) / d; c = 0.25 * (r23 + r32) / d; a = 0.25 * (r21 - r12) / d;
            }
            if (a < 0) { b = -b; c = -c; d = -d; }
        }
        return (b, c, d, qfac);
    }
}
