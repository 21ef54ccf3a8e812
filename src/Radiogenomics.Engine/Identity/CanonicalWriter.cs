using System.Security.Cryptography;
using System.Text;

namespace Radiogenomics.Engine.Identity;

/// <summary>SHA-256 over a sequence of length-prefixed fields, so no two different field sequences hash the same bytes.</summary>
internal sealed class CanonicalWriter
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _scratch = new byte[8];

    public void Write(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Write(bytes.Length);
        _hash.AppendData(bytes);
    }

    public void Write(int value)
    {
        BitConverter.TryWriteBytes(_scratch, value);
        _hash.AppendData(_scratch, 0, 4);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Write(bytes.Length);
        _hash.AppendData(bytes);
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());
}
