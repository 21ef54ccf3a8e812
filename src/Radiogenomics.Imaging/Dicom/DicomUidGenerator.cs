using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Makes DICOM UIDs. <see cref="Deterministic"/> derives each UID from a seed and a name under the 2.25 root
/// (a UUID as a decimal integer, PS3.5 B.2), so a synthetic cohort written twice has identical UIDs;
/// <see cref="Random"/> uses GDCM's generator for fresh ones. Thread-safe.
/// </summary>
public sealed class DicomUidGenerator
{
    private readonly string? seed;
    private readonly object gdcmLock = new();
    private gdcm.UIDGenerator? gdcmGenerator;

    private DicomUidGenerator(string? seed) => this.seed = seed;

    /// <summary>UIDs that depend only on (seed, name): same inputs, same UID, on every machine.</summary>
    public static DicomUidGenerator Deterministic(string seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(seed);
        return new DicomUidGenerator(seed);
    }

    /// <summary>Fresh UIDs from gdcm.UIDGenerator (GDCM's root, time and randomness); names are ignored.</summary>
    public static DicomUidGenerator Random() => new(null);

    public bool IsDeterministic => seed is not null;

    /// <summary>
    /// A UID for <paramref name="name"/>, e.g. "study/TCGA-XX-0001/1". Deterministic generators give
    /// distinct UIDs for distinct names (SHA-256, 122 bits kept) and the same UID for the same name.
    /// </summary>
    public string Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (seed is null)
        {
            GdcmRuntime.EnsureLoaded();
            lock (gdcmLock)
            {
                gdcmGenerator ??= new gdcm.UIDGenerator();
                return gdcmGenerator.Generate();
            }
        }
        return FromName(seed, name);
    }

    /// <summary>2.25.&lt;decimal of a version-8 UUID made from SHA-256(seed, name)&gt;, at most 44 characters.</summary>
    internal static string FromName(string seed, string name)
    {
        Span<byte> hash = stackalloc byte[32];
        var input = Encoding.UTF8.GetBytes(seed + "\u0000" + name);
        SHA256.HashData(input, hash);
        // RFC 9562 version 8 (custom) and variant bits, so the integer is a well-formed UUID as 2.25 requires.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var value = BinaryPrimitives.ReadUInt128BigEndian(hash[..16]);
        return "2.25." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True for a syntactically valid UID: ≤ 64 characters, digits and dots, no leading zeros.</summary>
    public static bool IsValid(string uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > 64)
        {
            return false;
        }
        foreach (var component in uid.Split('.'))
        {
            if (component.Length == 0 || !component.All(char.IsAsciiDigit) || (component.Length > 1 && component[0] == '0'))
            {
                return false;
            }
        }
        return true;
    }
}
