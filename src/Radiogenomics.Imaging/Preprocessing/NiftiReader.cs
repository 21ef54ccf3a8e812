using System.Buffers.Binary;
using System.IO.Compression;
using Radiogenomics.Imaging.Dicom;

namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>
/// Reads a NIfTI-1 volume (.nii or .nii.gz, little-endian; uint8, int16, uint16, int32, float32, float64) into an
/// <see cref="ImageVolume"/> with its geometry in DICOM's LPS space: the sform when set, else the qform quaternion,
/// else the voxel spacing alone. NIfTI's i, j, k run along DICOM's columns, rows and slices; its RAS axes are
/// LPS with x and y negated.
/// </summary>
public static class NiftiReader
{
    public static ImageVolume Read(string path)
    {
        byte[] bytes;
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            bytes = memory.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a readable gzip file ({e.Message}); re-export the mask as .nii.gz", e);
        }
        var h = bytes.AsSpan();
        if (h.Length < 348 || BinaryPrimitives.ReadInt32LittleEndian(h) != 348)
            throw new InvalidDataException($"{path}: not a little-endian NIfTI-1 file (header size is not 348); re-export it as NIfTI-1");
        int dims = BinaryPrimitives.ReadInt16LittleEndian(h[40..]);
        int nx = BinaryPrimitives.ReadInt16LittleEndian(h[42..]), ny = BinaryPrimitives.ReadInt16LittleEndian(h[44..]);
        int nz = dims >= 3 ? BinaryPrimitives.ReadInt16LittleEndian(h[46..]) : 1;
        short dataType = BinaryPrimitives.ReadInt16LittleEndian(h[70..]);
        var pixdim = Enumerable.Range(0, 8).Select(n => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(76 + 4 * n))).ToArray();
        float Pixdim(int n) => pixdim[n];
        int offset = (int)BinaryPrimitives.ReadSingleLittleEndian(h[108..]);
        float slope = BinaryPrimitives.ReadSingleLittleEndian(h[112..]), intercept = BinaryPrimitives.ReadSingleLittleEndian(h[116..]);
        if (slope == 0) slope = 1; // NIfTI: a zero slope means "no scaling"

        // The affine maps (i, j, k) to RAS millimetres.
        double[,] affine = new double[3, 4];
        short qformCode = BinaryPrimitives.ReadInt16LittleEndian(h[252..]), sformCode = BinaryPrimitives.ReadInt16LittleEndian(h[254..]);
        if (sformCode > 0)
        {
            for (int r = 0; r < 3; r++)
                for (int c = 0; c < 4; c++) affine[r, c] = BinaryPrimitives.ReadSingleLittleEndian(h[(280 + 16 * r + 4 * c)..]);
        }
        else if (qformCode > 0)
        {
            double b = BinaryPrimitives.ReadSingleLittleEndian(h[256..]), c = BinaryPrimitives.ReadSingleLittleEndian(h[260..]), d = BinaryPrimitives.ReadSingleLittleEndian(h[264..]);
            double a = Math.Sqrt(Math.Max(0, 1 - (b * b + c * c + d * d)));
            double qfac = Pixdim(0) < 0 ? -1 : 1;
            double[,] rotation =
            {
                { a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c) },
                { 2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b) },
                { 2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b },
            };
            double[] spacing = [Pixdim(1), Pixdim(2), qfac * Pixdim(3)];
            for (int r = 0; r < 3; r++)
            {
                for (int col = 0; col < 3; col++) affine[r, col] = rotation[r, col] * spacing[col];
                affine[r, 3] = BinaryPrimitives.ReadSingleLittleEndian(h[(268 + 4 * r)..]);
            }
        }
        else
        {
            affine[0, 0] = Pixdim(1);
            affine[1, 1] = Pixdim(2);
            affine[2, 2] = Pixdim(3);
        }
        // RAS → LPS.
        Vector3D Column(int c) => new(-affine[0, c], -affine[1, c], affine[2, c]);
        var i = Column(0); var j = Column(1); var k = Column(2);
        var geometry = new VolumeGeometry
        {
            Columns = nx, Rows = ny, Slices = nz,
            Origin = Column(3),
            RowDirection = i.Normalized(), ColumnDirection = j.Normalized(), SliceDirection = k.Normalized(),
            ColumnSpacing = i.Length, RowSpacing = j.Length, SliceSpacing = k.Length,
        };

        int count = nx * ny * nz;
        var data = h[offset..];
        var voxels = new float[count];
        int size = dataType switch { 2 => 1, 4 or 512 => 2, 8 or 16 => 4, 64 => 8, _ => 0 };
        if (size == 0) throw new InvalidDataException($"{path}: NIfTI data type {dataType} is not supported; use uint8, int16, uint16, int32, float32 or float64");
        if (data.Length < count * size) throw new InvalidDataException($"{path}: truncated: {data.Length} bytes of voxel data, {count * size} expected");
        for (int v = 0; v < count; v++)
        {
            double value = dataType switch
            {
                2 => data[v],
                4 => BinaryPrimitives.ReadInt16LittleEndian(data[(2 * v)..]),
                512 => BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * v)..]),
                8 => BinaryPrimitives.ReadInt32LittleEndian(data[(4 * v)..]),
                16 => BinaryPrimitives.ReadSingleLittleEndian(data[(4 * v)..]),
                _ => BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * v)..]),
            };
            voxels[v] = (float)(value * slope + intercept);
        }
        return new ImageVolume(geometry, voxels, path);
    }
}
