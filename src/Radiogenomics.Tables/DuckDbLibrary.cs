using DuckDB.NET.Native;

namespace Radiogenomics.Tables;

/// <summary>The DuckDB library that DuckDB.NET.Data.Full ships and loads (from the package's runtimes folder).</summary>
public static class DuckDbLibrary
{
    /// <summary>DuckDB's version string, e.g. "v1.5.6".</summary>
    public static string Version { get; } = NativeMethods.Startup.DuckDBLibraryVersion();
}
