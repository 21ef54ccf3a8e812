using System.Reflection;
using System.Runtime.InteropServices;

namespace Radiogenomics.Plotting;

/// <summary>
/// Lets SkiaSharp and HarfBuzzSharp find the native libraries their packages ship (runtimes/&lt;rid&gt;/native) in hosts
/// that load our assemblies by path, such as Cake's <c>#r</c>: there is no deps.json listing them, so the runtime's own
/// search misses that folder and every figure-drawing stage would fail with DllNotFoundException.
/// </summary>
internal static class SkiaLibrary
{
    private static int _registered;

    public static void EnsureResolvable()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        foreach (var assembly in new[] { typeof(SkiaSharp.SKObject).Assembly, typeof(HarfBuzzSharp.Blob).Assembly })
        {
            try
            {
                NativeLibrary.SetDllImportResolver(assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // The package registered its own resolver; it then knows where its library is.
            }
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        // The runtime's search first (rg, tests and the benchmark list the libraries in their deps.json).
        if (NativeLibrary.TryLoad(name, assembly, searchPath, out var handle)) return handle;
        foreach (var directory in new[] { Path.GetDirectoryName(assembly.Location), Path.GetDirectoryName(typeof(SkiaLibrary).Assembly.Location) })
        {
            if (string.IsNullOrEmpty(directory)) continue;
            var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            var stem = name.StartsWith("lib", StringComparison.Ordinal) || OperatingSystem.IsWindows() ? name : "lib" + name;
            var file = stem + (OperatingSystem.IsWindows() ? ".dll" : OperatingSystem.IsMacOS() ? ".dylib" : ".so");
            var architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
            foreach (var candidate in new[]
                     {
                         Path.Combine(directory, "runtimes", $"{os}-{architecture}", "native", file),
                         Path.Combine(directory, "runtimes", os, "native", file),
                         Path.Combine(directory, file),
                     })
                if (File.Exists(candidate)) return NativeLibrary.Load(candidate);
        }
        return IntPtr.Zero;
    }
}
