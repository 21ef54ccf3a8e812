using System.Diagnostics;

namespace Radiogenomics.Cli.Tests;

/// <summary>Runs the real <c>rg</c> CLI (rg.dll beside the tests) in a workspace, its output piped as in a script or CI log.</summary>
public static class RgProcess
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(string workspace, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workspace,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rg.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(entireProcessTree: true); throw new TimeoutException("rg " + string.Join(' ', args)); }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
