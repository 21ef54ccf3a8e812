using System.IO.Compression;
using System.Text;

namespace Radiogenomics.DataSources.Tests;

/// <summary>Builds zip archives in memory, including hostile ones.</summary>
internal static class Zips
{
    public static byte[] Create(params (string Name, byte[] Data)[] entries) => Create(entries.Select(e => (e.Name, e.Data, 0)).ToArray());

    public static byte[] Create((string Name, byte[] Data, int ExternalAttributes)[] entries)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data, attributes) in entries)
            {
                var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
                if (attributes != 0) entry.ExternalAttributes = attributes;
                using var stream = entry.Open();
                stream.Write(data);
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Enough of a DICOM file to be recognisable: 128-byte preamble, "DICM", a little payload.</summary>
    public static byte[] FakeDicom(int seed)
    {
        var bytes = new byte[128 + 4 + 256];
        "DICM"u8.CopyTo(bytes.AsSpan(128));
        new Random(seed).NextBytes(bytes.AsSpan(132));
        return bytes;
    }

    public const string LicenseText = "Creative Commons Attribution 3.0 Unported License\nhttp://creativecommons.org/licenses/by/3.0/\n";

    /// <summary>What NBIA getImage streams: LICENSE first, then the DICOM files.</summary>
    public static byte[] NbiaSeries(params string[] dicomNames) =>
        Create([("LICENSE", Text(LicenseText)), .. dicomNames.Select((n, i) => (n, FakeDicom(i)))]);
}
