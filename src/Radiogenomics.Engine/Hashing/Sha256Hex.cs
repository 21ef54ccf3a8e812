using System.Security.Cryptography;
using System.Text;

namespace Radiogenomics.Engine.Hashing;

/// <summary>SHA-256 as lower-case hex, the one digest format used for keys and objects.</summary>
public static class Sha256Hex
{
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Streams the file with a large buffer; OpenSSL's SHA-256 runs at memory speed on modern CPUs.</summary>
    public static string OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static bool IsDigest(string s) => s.Length == 64 && s.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
