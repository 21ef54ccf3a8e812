using System.IO.Compression;
using System.Text;

namespace Radiogenomics.DataSources;

/// <summary>Opening text inputs the same way everywhere: UTF-8 with or without BOM, transparently gunzipped.</summary>
internal static class TextFiles
{
    public static StreamReader OpenText(string path)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) stream = new GZipStream(stream, CompressionMode.Decompress);
            return new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Splits a tab-separated line; a trailing '\r' (CRLF files) is not part of the last cell.</summary>
    public static string[] SplitTabs(string line) => line.TrimEnd('\r').Split('\t');
}
