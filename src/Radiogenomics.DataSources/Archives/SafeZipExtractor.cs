using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Radiogenomics.DataSources;

/// <summary>
/// Extracts a zip without trusting its entry names. Every name is checked before anything is written; one bad
/// entry ("..", absolute path, drive letter, link, duplicate) rejects the whole archive. Files are written into
/// a staging folder beside the target and renamed into place at the end, so the target folder either does not
/// exist or is complete. NBIA's LICENSE entry goes to its own file and md5hashes.csv is used for verification,
/// so the target folder holds only data files.
/// </summary>
public static class SafeZipExtractor
{
    public const string LicenseEntryName = "LICENSE";
    public const string ChecksumsEntryName = "md5hashes.csv";
    private const int BufferSize = 1 << 16;
    private const long MaxChecksumListBytes = 64L << 20;

    public static ZipExtractionResult Extract(string zipPath, string targetDirectory, ZipExtractionOptions? options = null,
        IProgress<ZipEntryReport>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new ZipExtractionOptions();
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(targetDirectory));
        var licensePath = Path.GetFullPath(options.LicensePath ?? target + ".LICENSE.txt");
        if (Directory.Exists(target) && !options.Overwrite)
            throw new IOException($"{target} already exists; remove it or extract with Overwrite = true");

        using var archive = Open(zipPath);
        if (archive.Entries.Count > options.MaxEntries)
            throw new InvalidDataException($"{zipPath} has {archive.Entries.Count} entries, more than the limit of {options.MaxEntries}");
        var plan = Plan(zipPath, archive, target);

        var staging = target + ".extracting";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true); // left by a crashed run
        Directory.CreateDirectory(staging);
        string? licenseStaged = null;
        try
        {
            var reports = new List<ZipEntryReport>(plan.Count);
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            Dictionary<string, string>? listed = null;
            long total = 0;
            foreach (var (entry, kind, relative) in plan)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ZipEntryReport report;
                switch (kind)
                {
                    case ZipEntryKind.Directory:
                        Directory.CreateDirectory(Path.Combine(staging, relative));
                        report = new ZipEntryReport(entry.FullName, kind, Path.Combine(target, relative), 0);
                        break;
                    case ZipEntryKind.License:
                        licenseStaged = licensePath + ".partial";
                        Directory.CreateDirectory(Path.GetDirectoryName(licensePath)!);
                        var licenseLength = Copy(entry, licenseStaged, ref total, options.MaxTotalBytes, zipPath, out _);
                        report = new ZipEntryReport(entry.FullName, kind, licensePath, licenseLength);
                        break;
                    case ZipEntryKind.Checksums:
                        listed = ReadChecksums(entry, zipPath);
                        report = new ZipEntryReport(entry.FullName, kind, null, entry.Length);
                        break;
                    default:
                        var path = Path.Combine(staging, relative);
                        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                        var length = Copy(entry, path, ref total, options.MaxTotalBytes, zipPath, out var md5);
                        hashes[relative.Replace(Path.DirectorySeparatorChar, '/')] = md5;
                        report = new ZipEntryReport(entry.FullName, kind, Path.Combine(target, relative), length);
                        break;
                }
                reports.Add(report);
                progress?.Report(report);
            }

            var verified = listed is not null && options.VerifyChecksums ? Verify(zipPath, listed, hashes) : 0;

            if (Directory.Exists(target))
            {
                if (!options.Overwrite) throw new IOException($"{target} appeared while extracting; not replacing it");
                Directory.Delete(target, recursive: true);
            }
            Directory.Move(staging, target);
            if (licenseStaged is not null) File.Move(licenseStaged, licensePath, overwrite: true);
            return new ZipExtractionResult(target, reports, licenseStaged is null ? null : licensePath, verified);
        }
        catch
        {
            TryDelete(staging, licenseStaged);
            throw;
        }
    }

    private static ZipArchive Open(string zipPath)
    {
        try
        {
            return ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{zipPath} is not a readable zip ({e.Message}); it is probably truncated: download it again", e);
        }
    }

    /// <summary>Checks every entry before anything is written.</summary>
    private static List<(ZipArchiveEntry Entry, ZipEntryKind Kind, string Relative)> Plan(string zipPath, ZipArchive archive, string target)
    {
        var plan = new List<(ZipArchiveEntry, ZipEntryKind, string)>(archive.Entries.Count);
        var rejected = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // case-insensitive: such names collide on macOS/Windows
        foreach (var entry in archive.Entries)
        {
            var name = entry.FullName;
            if (IsLink(entry))
            {
                rejected.Add((name, "symbolic link"));
                continue;
            }
            if (!ArchivePaths.TryGetSafeRelativePath(name, out var relative, out var reason))
            {
                rejected.Add((name, reason));
                continue;
            }
            var isDirectory = name.EndsWith('/') || name.EndsWith('\\');
            if (relative.Length == 0)
            {
                if (!isDirectory) rejected.Add((name, "no file name"));
                continue; // "./" and the like: the target folder itself
            }
            if (!ArchivePaths.IsInside(target, relative, out _))
            {
                rejected.Add((name, "resolves outside the target folder"));
                continue;
            }
            var topLevel = !relative.Contains(Path.DirectorySeparatorChar);
            var kind = isDirectory ? ZipEntryKind.Directory
                : topLevel && relative.Equals(LicenseEntryName, StringComparison.OrdinalIgnoreCase) ? ZipEntryKind.License
                : topLevel && relative.Equals(ChecksumsEntryName, StringComparison.OrdinalIgnoreCase) ? ZipEntryKind.Checksums
                : ZipEntryKind.File;
            if (kind != ZipEntryKind.Directory && !seen.Add(relative))
            {
                rejected.Add((name, "duplicate name"));
                continue;
            }
            plan.Add((entry, kind, relative));
        }
        if (rejected.Count > 0) throw new UnsafeArchiveException(zipPath, rejected);
        return plan;
    }

    /// <summary>Unix mode bits live in the high half of the external attributes (zips made on Unix).</summary>
    private static bool IsLink(ZipArchiveEntry entry) => ((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000;

    private static long Copy(ZipArchiveEntry entry, string path, ref long total, long maxTotal, string zipPath, out string md5)
    {
        using var input = entry.Open();
        using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long length = 0;
            int n;
            while ((n = input.Read(buffer, 0, BufferSize)) > 0)
            {
                length += n;
                total += n;
                if (total > maxTotal)
                    throw new InvalidDataException($"{zipPath} expands to more than {maxTotal} bytes (zip bomb?); stopped at entry '{entry.FullName}'");
                output.Write(buffer, 0, n);
                hash.AppendData(buffer, 0, n);
            }
            md5 = Convert.ToHexStringLower(hash.GetHashAndReset());
            return length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses NBIA's <c>Filename,MD5Hash</c> list.</summary>
    private static Dictionary<string, string> ReadChecksums(ZipArchiveEntry entry, string zipPath)
    {
        if (entry.Length > MaxChecksumListBytes) throw new InvalidDataException($"{zipPath}: {entry.FullName} is implausibly large ({entry.Length} bytes)");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        string? line;
        var first = true;
        while ((line = reader.ReadLine()) is not null)
        {
            var cells = line.Split(',');
            if (cells.Length < 2 || cells[0].Trim().Length == 0) continue;
            var file = cells[0].Trim().Trim('"').Replace('\\', '/');
            var md5 = cells[1].Trim().Trim('"').ToLowerInvariant();
            if (first && !md5.All(char.IsAsciiHexDigit)) { first = false; continue; } // header row
            first = false;
            listed[file] = md5;
        }
        return listed;
    }

    private static int Verify(string zipPath, Dictionary<string, string> listed, Dictionary<string, string> actual)
    {
        var byName = actual.GroupBy(kv => Path.GetFileName(kv.Key)).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Value, StringComparer.Ordinal);
        var verified = 0;
        foreach (var (file, expected) in listed)
        {
            if (!actual.TryGetValue(file, out var got) && !byName.TryGetValue(Path.GetFileName(file), out got))
                throw new DownloadIntegrityException(zipPath, $"'{file}' listed in {ChecksumsEntryName}", "present", "missing from the archive",
                    "The archive is incomplete; download it again.");
            if (!string.Equals(got, expected, StringComparison.Ordinal))
                throw new DownloadIntegrityException(zipPath, $"MD5 of '{file}'", expected, got,
                    "The archive is damaged; nothing was extracted. Download it again.");
            verified++;
        }
        return verified;
    }

    private static void TryDelete(string staging, string? licenseStaged)
    {
        try
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            if (licenseStaged is not null) File.Delete(licenseStaged);
        }
        catch (IOException)
        {
            // best effort: a leftover staging folder is removed by the next extraction
        }
    }
}
