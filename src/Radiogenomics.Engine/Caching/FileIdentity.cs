using System.Runtime.InteropServices;

namespace Radiogenomics.Engine.Caching;

/// <summary>
/// Device and inode of a file through libc's stat(2): .NET does not expose them, and they are what tells
/// a file replaced by another (same size and mtime, new inode) from an untouched one.
/// </summary>
internal static partial class FileIdentity
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Stat(string path, byte* buffer);

    public static (ulong Device, ulong Inode) Get(string path)
    {
        var stamp = StampOf(path);
        return stamp is { } s ? (s.Device, s.Inode) : (0, 0);
    }

    /// <summary>
    /// The file's <see cref="FileStamp"/>, or null when it does not exist. Where libc's stat is unavailable
    /// (not Linux, or an old glibc), ctime is not known: the stamp then carries only .NET's size and mtime.
    /// </summary>
    public static unsafe FileStamp? StampOf(string path)
    {
        if (!_unavailable)
        {
            try
            {
                // struct stat on 64-bit Linux (x86-64 and AArch64 alike): st_dev at 0, st_ino at 8, st_size at 48,
                // st_mtim at 88 and st_ctim at 104 (seconds, then nanoseconds); st_nlink is 8 bytes at 16 on x86-64
                // and 4 bytes at 20 on AArch64.
                byte* buffer = stackalloc byte[256];
                if (Stat(path, buffer) != 0) return File.Exists(path) ? Fallback(path) : null;
                if (!IsRegular(buffer)) return Fallback(path);
                bool wide = RuntimeInformation.ProcessArchitecture != Architecture.Arm64;
                long links = wide ? *(long*)(buffer + 16) : *(uint*)(buffer + 20);
                return new FileStamp(*(long*)(buffer + 48), *(long*)(buffer + 88) * 1_000_000_000 + *(long*)(buffer + 96),
                    *(long*)(buffer + 104) * 1_000_000_000 + *(long*)(buffer + 112), *(ulong*)buffer, *(ulong*)(buffer + 8), links);
            }
            catch (EntryPointNotFoundException) { _unavailable = true; }
            catch (DllNotFoundException) { _unavailable = true; }
        }
        return File.Exists(path) ? Fallback(path) : null;
    }

    private static unsafe bool IsRegular(byte* buffer)
    {
        // st_mode: 4 bytes at 24 on x86-64, at 16 on AArch64; S_IFREG is 0x8000.
        uint mode = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? *(uint*)(buffer + 16) : *(uint*)(buffer + 24);
        return (mode & 0xF000) == 0x8000;
    }

    private static FileStamp? Fallback(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return null;
        return new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks * 100, 0, 0, 0, 0);
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint RealPathNative(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);

    /// <summary>
    /// The path with every symbolic link and <c>..</c> resolved (realpath(3)); for a path that does not exist, its
    /// longest existing prefix is resolved and the rest appended. Where libc is unavailable, the full path.
    /// </summary>
    public static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        if (_unavailable) return full;
        try
        {
            string existing = full, rest = "";
            while (!File.Exists(existing) && !Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
            {
                rest = Path.Combine(Path.GetFileName(existing), rest);
                existing = parent;
            }
            nint resolved = RealPathNative(existing, 0);
            if (resolved == 0) return full;
            try
            {
                string real = Marshal.PtrToStringUTF8(resolved)!;
                return rest.Length == 0 ? real : Path.Combine(real, rest.TrimEnd('/'));
            }
            finally
            {
                Free(resolved);
            }
        }
        catch (EntryPointNotFoundException) { return full; }
        catch (DllNotFoundException) { return full; }
    }

    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int RenameNative(string from, string to);

    /// <summary>rename(2) on the entry itself: .NET's File.Move follows symbolic links, which is wrong for replacing one.</summary>
    public static void ReplaceSymbolicLink(string link, string target)
    {
        string temp = link + "." + Guid.NewGuid().ToString("N")[..8];
        File.CreateSymbolicLink(temp, target);
        if (RenameNative(temp, link) != 0)
        {
            File.Delete(temp);
            throw new IOException($"could not replace the link {link} (errno {Marshal.GetLastPInvokeError()})");
        }
    }
}
