using System.Reflection;
using System.Runtime.InteropServices;

namespace Radiogenomics.Learning.Interop;

/// <summary>
/// Finds and loads the native bridge (native/build/libradiogenomics_torch.so), which is built by
/// ./build.sh rather than shipped in a package, so the default probing paths do not know it.
/// </summary>
internal static class TorchBridgeLibrary
{
    internal const string ImportName = "radiogenomics_torch";
    internal const string PathVariable = "RADIOGENOMICS_TORCH_BRIDGE";

    // Must equal RGT_ABI_VERSION in native/include/radiogenomics_torch.h.
    internal const int ExpectedAbiVersion = 4;

    private static readonly Lazy<nint> Handle = new(Load);
    private static int registered;

    internal static string FileName =>
        OperatingSystem.IsWindows() ? "radiogenomics_torch.dll"
        : OperatingSystem.IsMacOS() ? "libradiogenomics_torch.dylib"
        : "libradiogenomics_torch.so";

    internal static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(TorchBridgeLibrary).Assembly, Resolve);
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == ImportName ? Handle.Value : 0;

    private static nint Load()
    {
        var searched = new List<string>();
        var path = FindLibrary(searched);
        nint handle;
        if (path is null)
        {
            // Last resort: the system loader's own paths (LD_LIBRARY_PATH, an installed copy).
            if (!NativeLibrary.TryLoad(FileName, out handle))
            {
                throw new DllNotFoundException(
                    $"The libtorch bridge {FileName} was not found. Build it with ./build.sh at the repository root " +
                    $"(or native/build.sh), or set {PathVariable} to the library's path. Searched: " +
                    string.Join(", ", searched.Distinct()));
            }
            path = FileName;
        }
        else
        {
            try
            {
                handle = NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new DllNotFoundException(
                    $"Found the libtorch bridge at {path} but could not load it (is libtorch installed?): {e.Message}", e);
            }
        }

        CheckAbiVersion(handle, path);
        return handle;
    }

    internal static string? Locate() => FindLibrary([]);

    private static string? FindLibrary(List<string> searched)
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            var candidate = Directory.Exists(configured) ? Path.Combine(configured, FileName) : configured;
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }

            throw new DllNotFoundException($"{PathVariable} is set to '{configured}', but {candidate} does not exist.");
        }

        var beside = Path.Combine(AppContext.BaseDirectory, FileName);
        searched.Add(beside);
        if (File.Exists(beside))
        {
            return beside;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "native", "build", FileName);
                searched.Add(candidate);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    // A bridge left over from an older checkout would otherwise fail with confusing entry-point errors.
    private static unsafe void CheckAbiVersion(nint handle, string path)
    {
        if (!NativeLibrary.TryGetExport(handle, "rgt_abi_version", out var export))
        {
            throw new DllNotFoundException($"{path} is not the libtorch bridge (no rgt_abi_version); rebuild it with ./build.sh.");
        }

        int version;
        var status = ((delegate* unmanaged<int*, int>)export)(&version);
        if (status != 0 || version != ExpectedAbiVersion)
        {
            throw new DllNotFoundException(
                $"{path} implements bridge ABI {version}, but this build expects {ExpectedAbiVersion}; rebuild it with ./build.sh.");
        }
    }
}
