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

    public static unsafe (ulong Device, ulong Inode) Get(string path)
    {
        if (_unavailable) return (0, 0);
        try
        {
            // st_dev and st_ino are the first two 64-bit fields on every 64-bit Linux ABI; the rest is not read.
            byte* buffer = stackalloc byte[256];
            if (Stat(path, buffer) != 0) return (0, 0);
            return (*(ulong*)buffer, *(ulong*)(buffer + 8));
        }
        catch (EntryPointNotFoundException)
        {
            _unavailable = true;
            return (0, 0);
        }
        catch (DllNotFoundException)
        {
            _unavailable = true;
            return (0, 0);
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string created);

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

    /// <summary>Hard-links when possible (same file system), else copies. Returns true for a link.</summary>
    public static bool LinkOrCopy(string existing, string created)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(created)!);
        if (!_unavailable)
        {
            try
            {
                if (Link(existing, created) == 0) return true;
            }
            catch (EntryPointNotFoundException) { }
        }
        File.Copy(existing, created, overwrite: false);
        return false;
    }
}
