using System.Reflection;
using System.Runtime.InteropServices;

namespace Radiogenomics.Tables;

/// <summary>
/// Locates and loads the native DuckDB library for this assembly's imports.
/// We never rely on LD_LIBRARY_PATH: the library lives in the repository's <c>.deps/duckdb</c>
/// (fetched by <c>./build.sh</c>) or wherever <see cref="EnvironmentVariable"/> points.
/// </summary>
public static class DuckDbLibrary
{
    /// <summary>Full path of the native library to load; overrides every other location.</summary>
    public const string EnvironmentVariable = "RADIOGENOMICS_DUCKDB";

    private static readonly object Gate = new();
    private static bool _resolverRegistered;
    private static IntPtr _handle;
    private static string? _loadedFrom;

    /// <summary>DuckDB's version string, e.g. "v1.5.6". It is part of every Parquet file we write.</summary>
    public static string Version => DuckDbNative.Utf8(DuckDbNative.LibraryVersion()) ?? "unknown";

    /// <summary>Where the native library was loaded from (a file path, or the bare name when the OS loader found it).</summary>
    public static string LoadedFrom
    {
        get
        {
            _ = Version; // forces the load
            lock (Gate) return _loadedFrom ?? "(not loaded)";
        }
    }

    /// <summary>File name of the native library on this operating system.</summary>
    internal static string NativeFileName =>
        OperatingSystem.IsWindows() ? "duckdb.dll"
        : OperatingSystem.IsMacOS() ? "libduckdb.dylib"
        : "libduckdb.so";

    internal static void EnsureResolverRegistered()
    {
        lock (Gate)
        {
            if (_resolverRegistered) return;
            NativeLibrary.SetDllImportResolver(typeof(DuckDbLibrary).Assembly, Resolve);
            _resolverRegistered = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != DuckDbNative.LibraryName) return IntPtr.Zero; // let the runtime handle anything else
        lock (Gate)
        {
            if (_handle != IntPtr.Zero) return _handle;
            _handle = Load(assembly, searchPath, out _loadedFrom);
            return _handle;
        }
    }

    private static IntPtr Load(Assembly assembly, DllImportSearchPath? searchPath, out string loadedFrom)
    {
        var looked = new List<string>();
        var path = Locate(
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            [AppContext.BaseDirectory, Directory.GetCurrentDirectory()],
            Path.GetDirectoryName(assembly.Location),
            looked);
        if (path is not null)
        {
            loadedFrom = path;
            return NativeLibrary.Load(path);
        }

        if (NativeLibrary.TryLoad(NativeFileName, assembly, searchPath, out var handle))
        {
            loadedFrom = NativeFileName;
            return handle;
        }
        looked.Add($"the operating system's default search for '{NativeFileName}'");
        throw new DllNotFoundException(NotFoundMessage(looked));
    }

    internal static string NotFoundMessage(IEnumerable<string> looked) =>
        $"Could not find the DuckDB native library ({NativeFileName}). Looked in: " + string.Join("; ", looked) +
        $". Run ./build.sh from the repository root to fetch it into .deps/duckdb, or set {EnvironmentVariable} to its full path.";

    /// <summary>
    /// The file to load, searched in order: the environment variable, <c>.deps/duckdb</c> in each start
    /// directory or any of its parents, then the assembly's own folder. Null when none exists; every place
    /// tried is added to <paramref name="looked"/> so the caller can explain the failure.
    /// </summary>
    internal static string? Locate(
        string? environmentValue, IEnumerable<string> startDirectories, string? assemblyDirectory, List<string> looked)
    {
        if (!string.IsNullOrWhiteSpace(environmentValue))
        {
            // An explicit setting that points nowhere is a configuration error, not a cue to guess.
            if (!File.Exists(environmentValue))
                throw new DllNotFoundException(
                    $"{EnvironmentVariable} is set to '{environmentValue}', but no file exists there. " +
                    $"Point it at {NativeFileName}, or unset it to use .deps/duckdb (./build.sh fetches DuckDB there).");
            return Path.GetFullPath(environmentValue);
        }
        looked.Add($"${EnvironmentVariable} (not set)");

        var relative = Path.Combine(".deps", "duckdb", NativeFileName);
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
            looked.Add($"{relative} under '{start}' and each of its parents");
        }

        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            var candidate = Path.Combine(assemblyDirectory, NativeFileName);
            if (File.Exists(candidate)) return candidate;
            looked.Add(candidate);
        }
        return null;
    }
}
