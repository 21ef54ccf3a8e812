using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Radiogenomics.Engine.Provenance;

/// <summary>Software versions and machine facts recorded with every run.</summary>
public static class EnvironmentFacts
{
    public static SoftwareComponent DotNet() => new(".NET", RuntimeInformation.FrameworkDescription, "https://dotnet.microsoft.com/");

    public static SoftwareComponent Engine()
    {
        var asm = typeof(EnvironmentFacts).Assembly;
        var version = asm.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0";
        return new("Radiogenomics engine", version);
    }

    /// <summary>The git commit of the checkout holding <paramref name="directory"/> (the workspace) and whether its working tree has uncommitted changes, or null outside a checkout.</summary>
    public static (string Commit, bool Dirty)? GitState(string directory)
    {
        var commit = Git(directory, "rev-parse HEAD");
        if (commit is null || commit.Length < 7) return null;
        var status = Git(directory, "status --porcelain --untracked-files=no");
        return (commit, !string.IsNullOrWhiteSpace(status));
    }

    private static string? Git(string directory, string args)
    {
        try
        {
            var psi = new ProcessStartInfo("git", $"-C \"{directory}\" {args}")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(psi);
            if (p is null) return null;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit(10_000);
            return p.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    public static IReadOnlyDictionary<string, string> Machine() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
        ["processor_count"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["memory_bytes"] = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["hostname"] = Environment.MachineName,
    };
}
