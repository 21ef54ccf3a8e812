using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Radiogenomics.Engine.Hashing;

/// <summary>SHA-256 as lower-case hex, the one digest format used for keys and objects.</summary>
public static class Sha256Hex
{
    /// <summary>
    /// Bytes per read and per call into the hash. Large enough that the P/Invoke into OpenSSL and the read syscall are
    /// noise next to the hashing itself (SHA256.HashData(Stream) hashes in 4 KiB pieces, copied out of a FileStream
    /// buffer: 31 % of OpenSSL's speed), small enough to stay in L2 while it is hashed right after the copy.
    /// </summary>
    internal const int ChunkBytes = 1 << 20;

    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string OfBytes(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Reads the file with positional reads of <see cref="ChunkBytes"/> straight into a pooled buffer (no FileStream
    /// buffering, so each byte is copied once, by the kernel) and hashes each chunk in one call; a file that fits one
    /// chunk is hashed in one shot.
    /// </summary>
    public static string OfFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            int first;
            try
            {
                first = Fill(handle, buffer, 0);
            }
            catch (NotSupportedException)
            {
                // A pipe or character device cannot be read by offset (nothing was read): stream it.
                using var stream = new FileStream(handle, FileAccess.Read, bufferSize: ChunkBytes);
                return Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            if (first < ChunkBytes)
            {
                SHA256.HashData(buffer.AsSpan(0, first), digest);
                return Convert.ToHexStringLower(digest);
            }
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(buffer, 0, first);
            long offset = first;
            int read;
            while ((read = Fill(handle, buffer, offset)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                offset += read;
            }
            sha.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads up to a whole chunk at <paramref name="offset"/> (a read may return less than asked before the end of the file).</summary>
    private static int Fill(SafeFileHandle handle, byte[] buffer, long offset)
    {
        int total = 0;
        while (total < ChunkBytes)
        {
            int read = RandomAccess.Read(handle, buffer.AsSpan(total, ChunkBytes - total), offset + total);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    public static bool IsDigest(ReadOnlySpan<char> s) => s.Length == 64 && !s.ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");
}
