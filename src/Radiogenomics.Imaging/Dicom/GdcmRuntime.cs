using System.Reflection;
using System.Runtime.InteropServices;

namespace Radiogenomics.Imaging.Dicom;

/// <summary>
/// Loads GDCM's C# bindings (Debian's libgdcm-cil). gdcm-sharp.dll imports its native glue as
/// "gdcmsharpglue", and the glue (libgdcmsharpglue.so) lives in /usr/lib/cli/gdcm-sharp-3.0, which is not on
/// the loader path; a DllImport resolver on the gdcm-sharp assembly finds it without LD_LIBRARY_PATH.
/// </summary>
public static class GdcmRuntime
{
    /// <summary>Where Debian's libgdcm-cil installs the bindings.</summary>
    public const string DebianDirectory = "/usr/lib/cli/gdcm-sharp-3.0";

    /// <summary>Overrides the glue library's path (a file), for machines with GDCM installed elsewhere.</summary>
    public const string PathVariable = "RADIOGENOMICS_GDCM_GLUE";

    private const string ImportName = "gdcmsharpglue";
    private const string GlueFileName = "libgdcmsharpglue.so";

    private static readonly Lazy<nint> Handle = new(Load);
    private static readonly Lazy<bool> Configured = new(Configure);
    private static readonly Lazy<string> VersionText = new(ReadVersion);
    private static readonly Lazy<bool> Registered = new(Register);
    private static string? loadedPath;

    /// <summary>The path the glue library was loaded from (after the first GDCM call).</summary>
    public static string? GlueLibraryPath => loadedPath;

    /// <summary>GDCM's version, e.g. "3.0.21"; loads the library if needed.</summary>
    public static string Version => VersionText.Value;

    /// <summary>
    /// Registers the resolver, loads the glue and switches GDCM's own stderr messages off (failures surface
    /// as exceptions that name the file instead). Every entry point of this library calls it before its first
    /// GDCM call; call it yourself before using gdcm.* directly. Throws <see cref="DllNotFoundException"/>
    /// with the fix when GDCM is missing.
    /// </summary>
    public static void EnsureLoaded()
    {
        _ = Registered.Value;
        _ = Handle.Value;
        _ = Configured.Value;
    }

    /// <summary>Turns GDCM's own warning and error messages on stderr on or off (off by default).</summary>
    public static void SetDiagnostics(bool enabled)
    {
        EnsureLoaded();
        gdcm.Trace.SetWarning(enabled);
        gdcm.Trace.SetError(enabled);
        gdcm.Trace.SetDebug(false);
    }

    // A Lazy, not a flag: other threads must wait until the resolver is in place (it can be set only once).
    private static bool Register()
    {
        NativeLibrary.SetDllImportResolver(typeof(gdcm.Tag).Assembly, Resolve);
        return true;
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == ImportName ? Handle.Value : 0;

    private static nint Load()
    {
        var candidates = new List<string>();
        var overridePath = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            candidates.Add(overridePath);
        }

        // Beside gdcm-sharp.dll first (the build copies both from the same package), then Debian's folder.
        var assemblyDirectory = Path.GetDirectoryName(typeof(gdcm.Tag).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            candidates.Add(Path.Combine(assemblyDirectory, GlueFileName));
        }
        candidates.Add(Path.Combine(AppContext.BaseDirectory, GlueFileName));
        candidates.Add(Path.Combine(DebianDirectory, GlueFileName));

        var failures = new List<string>();
        foreach (var candidate in candidates.Distinct())
        {
            if (!File.Exists(candidate))
            {
                failures.Add($"{candidate} (absent)");
                continue;
            }
            try
            {
                var handle = NativeLibrary.Load(candidate);
                loadedPath = candidate;
                return handle;
            }
            catch (DllNotFoundException e)
            {
                // Usually a missing dependency (libgdcmMSFF.so.3.0 and friends from libgdcm3.0).
                failures.Add($"{candidate} ({e.Message})");
            }
        }
        throw new DllNotFoundException(
            $"GDCM's native glue {GlueFileName} could not be loaded. Install GDCM's C# bindings with " +
            $"'sudo apt-get install libgdcm-cil' (./build.sh does this), or set {PathVariable} to the glue's path. " +
            "Tried: " + string.Join("; ", failures));
    }

    // Not done inside Load: that runs in the resolver, and a GDCM call there would re-enter it.
    private static bool Configure()
    {
        gdcm.Trace.WarningOff();
        gdcm.Trace.ErrorOff();
        gdcm.Trace.DebugOff();
        // Loads the data dictionary once, before parallel readers share it.
        _ = gdcm.Global.GetInstance().GetDicts();
        return true;
    }

    private static string ReadVersion()
    {
        EnsureLoaded();
        return gdcm.Version.GetVersion();
    }
}
