using System.Reflection;
using System.Runtime.InteropServices;
using DuckDB.NET.Native;

namespace Radiogenomics.Tables;

/// <summary>The DuckDB library that DuckDB.NET.Data.Full ships (in its runtimes folder) and DuckDB.NET calls.</summary>
public static class DuckDbLibrary
{
    private static readonly Lazy<string> LibraryVersion = new(() =>
    {
        EnsureResolvable();
        return NativeMethods.Startup.DuckDBLibraryVersion();
    });

    private static int _resolverRegistered;

    /// <summary>DuckDB's version string, e.g. "v1.5.6".</summary>
    public static string Version => LibraryVersion.Value;

    /// <summary>
    /// Lets DuckDB.NET find the package's native library in hosts that load our assemblies by path, such as
    /// Cake's <c>#r</c>: their deps.json does not list it, so the runtime's own search misses <c>runtimes/&lt;rid&gt;/native</c>.
    /// </summary>
    internal static void EnsureResolvable()
    {
        if (Interlocked.Exchange(ref _resolverRegistered, 1) == 1) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // DuckDB.NET registered its own resolver; it then knows where its library is.
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        // The runtime's search first (rg, tests and the benchmark list the library in their deps.json).
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle)) return handle;
        var directory = Path.GetDirectoryName(assembly.Location);
        if (string.IsNullOrEmpty(directory)) return IntPtr.Zero;
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var file = OperatingSystem.IsWindows() ? $"{name}.dll" : OperatingSystem.IsMacOS() ? $"lib{name}.dylib" : $"lib{name}.so";
        var architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        foreach (var candidate in new[]
                 {
                     Path.Combine(directory, "runtimes", $"{os}-{architecture}", "native", file),
                     Path.Combine(directory, "runtimes", os, "native", file),
                     Path.Combine(directory, file),
                 })
            if (File.Exists(candidate)) return NativeLibrary.Load(candidate);
        return IntPtr.Zero;
    }
}
