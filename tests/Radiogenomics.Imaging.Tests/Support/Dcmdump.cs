using System.Diagnostics;

namespace Radiogenomics.Imaging.Tests.Support;

/// <summary>DCMTK's dcmdump, when installed: an independent reader for files this library writes.</summary>
internal static class Dcmdump
{
    public static string? Executable { get; } = Find();

    public static bool IsAvailable => Executable is not null;

    /// <summary>Runs dcmdump with the golden options (-Un +L -M); returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Output, string Errors) Run(string path)
    {
        var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("dcmdump is not installed"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-Un", "+L", "-M", path })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "dcmdump"))
            .FirstOrDefault(File.Exists);
}
