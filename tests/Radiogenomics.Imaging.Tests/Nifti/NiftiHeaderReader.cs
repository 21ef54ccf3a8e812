using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Radiogenomics.Imaging.Tests.Nifti;

/// <summary>Independent minimal NIfTI-1 header reader for the writer's tests (not the product's NiftiReader) (single file, little-endian, optional gzip).</summary>
internal sealed class NiftiHeaderReader
{
    public int SizeOfHeader, DimCount;
    public int[] Dim = new int[8];
    public short DataType, BitPix, QformCode, SformCode;
    public float[] PixDim = new float[8];
    public float VoxOffset, SclSlope, SclInter, QuaternB, QuaternC, QuaternD, QoffsetX, QoffsetY, QoffsetZ;
    public byte XyztUnits;
    public float[,] Srow = new float[3, 4];
    public string Magic = "", Description = "";
    public byte[] Data = [];

    public static NiftiHeaderReader Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            bytes = ms.ToArray();
        }
        var s = bytes.AsSpan();
        var r = new NiftiHeaderReader
        {
            SizeOfHeader = BinaryPrimitives.ReadInt32LittleEndian(s),
            DataType = BinaryPrimitives.ReadInt16LittleEndian(s[70..]),
            BitPix = BinaryPrimitives.ReadInt16LittleEndian(s[72..]),
            VoxOffset = BinaryPrimitives.ReadSingleLittleEndian(s[108..]),
            SclSlope = BinaryPrimitives.ReadSingleLittleEndian(s[112..]),
            SclInter = BinaryPrimitives.ReadSingleLittleEndian(s[116..]),
            XyztUnits = s[123],
            Description = Encoding.ASCII.GetString(s.Slice(148, 80)).TrimEnd('\0'),
            QformCode = BinaryPrimitives.ReadInt16LittleEndian(s[252..]),
            SformCode = BinaryPrimitives.ReadInt16LittleEndian(s[254..]),
            QuaternB = BinaryPrimitives.ReadSingleLittleEndian(s[256..]),
            QuaternC = BinaryPrimitives.ReadSingleLittleEndian(s[260..]),
            QuaternD = BinaryPrimitives.ReadSingleLittleEndian(s[264..]),
            QoffsetX = BinaryPrimitives.ReadSingleLittleEndian(s[268..]),
            QoffsetY = BinaryPrimitives.ReadSingleLittleEndian(s[272..]),
            QoffsetZ = BinaryPrimitives.ReadSingleLittleEndian(s[276..]),
            Magic = Encoding.ASCII.GetString(s.Slice(344, 4)),
        };
        for (int i = 0; i < 8; i++) r.Dim[i] = BinaryPrimitives.ReadInt16LittleEndian(s[(40 + 2 * i)..]);
        for (int i = 0; i < 8; i++) r.PixDim[i] = BinaryPrimitives.ReadSingleLittleEndian(s[(76 + 4 * i)..]);
        for (int row = 0; row < 3; row++)
            for (int c = 0; c < 4; c++) r.Srow[row, c] = BinaryPrimitives.ReadSingleLittleEndian(s[(280 + 16 * row + 4 * c)..]);
        r.DimCount = r.Dim[0];
        r.Data = s[(int)r.VoxOffset..].ToArray();
        return r;
    }

    /// <summary>
    /// The qform rotation from (b, c, d) with a = √(1 − b² − c² − d²) (NIfTI-1 method 2), third column times qfac.
    /// Like nibabel, a slightly negative 1 − Σ (within 3 single-precision eps) means a = 0; anything lower is an invalid header.
    /// </summary>
    public double[,] QformRotation()
    {
        double b = QuaternB, c = QuaternC, d = QuaternD;
        double a2 = 1 - (b * b + c * c + d * d);
        if (a2 < -3 * 1.1920929e-7) throw new InvalidDataException($"quaternion (b, c, d) has norm > 1: 1 − Σ = {a2}");
        double a = a2 <= 0 ? 0 : Math.Sqrt(a2);
        double qfac = PixDim[0] < 0 ? -1 : 1;
        return new double[,]
        {
            { a * a + b * b - c * c - d * d, 2 * (b * c - a * d), qfac * 2 * (b * d + a * c) },
            { 2 * (b * c + a * d), a * a + c * c - b * b - d * d, qfac * 2 * (c * d - a * b) },
            { 2 * (b * d - a * c), 2 * (c * d + a * b), qfac * (a * a + d * d - c * c - b * b) },
        };
    }
}
