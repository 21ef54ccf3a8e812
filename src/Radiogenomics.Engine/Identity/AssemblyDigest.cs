using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace Radiogenomics.Engine.Identity;

/// <summary>
/// SHA-256 of a managed assembly's code: the PE image with every byte that identifies the build rather than
/// the code zeroed — the COFF time stamp and checksum, the debug directory and its entries (they name the PDB,
/// whose content follows source line numbers and the source files' own checksums), and the module version id
/// (under a deterministic build a hash over the image, debug directory included). A change that alters the IL,
/// metadata, constants or resources changes the digest; a comment-only change, which alters only the PDB,
/// does not.
/// </summary>
public static class AssemblyDigest
{
    public static string Of(string path) => Convert.ToHexStringLower(SHA256.HashData(Normalize(File.ReadAllBytes(path), path)));

    /// <summary>The image with the build-identifying bytes zeroed (exposed for tests).</summary>
    internal static byte[] Normalize(byte[] image, string pathForErrors)
    {
        var copy = (byte[])image.Clone();
        using var pe = new PEReader(new MemoryStream(image, writable: false));
        var headers = pe.PEHeaders;
        if (headers.PEHeader is null || !pe.HasMetadata)
            throw new BadImageFormatException($"{pathForErrors} is not a managed assembly");

        Zero(copy, headers.CoffHeaderStartOffset + 4, 4);   // TimeDateStamp (deterministic: derived from the content hash)
        Zero(copy, headers.PEHeaderStartOffset + 64, 4);    // CheckSum
        var debug = headers.PEHeader.DebugTableDirectory;
        if (debug.Size > 0 && headers.TryGetDirectoryOffset(debug, out int debugOffset))
        {
            foreach (var entry in pe.ReadDebugDirectory())
                if (entry.DataPointer > 0) Zero(copy, entry.DataPointer, entry.DataSize);
            Zero(copy, debugOffset, debug.Size);
        }

        var metadata = pe.GetMetadataReader();
        var mvid = metadata.GetModuleDefinition().Mvid;
        if (!mvid.IsNil)
        {
            // A GuidHandle's heap "offset" is its 1-based index into the #GUID heap of 16-byte entries.
            int index = MetadataTokens.GetHeapOffset(mvid);
            Zero(copy, headers.MetadataStartOffset + metadata.GetHeapMetadataOffset(HeapIndex.Guid) + (index - 1) * 16, 16);
        }
        return copy;
    }

    private static void Zero(byte[] image, int offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > image.Length) return;
        Array.Clear(image, offset, length);
    }
}
