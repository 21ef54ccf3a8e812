using System.Globalization;

namespace Radiogenomics.Engine.Execution;

/// <summary>
/// A stage's log in the run folder (<c>logs/&lt;stage&gt;.log</c>), written line by line as the stage runs so
/// the evidence survives a failure or a killed process. Thread-safe; a null path keeps nothing.
/// </summary>
internal sealed class StageLogFile(string? path)
{
    private readonly object _gate = new();

    public string? Path { get; } = path;

    public void Write(string message)
    {
        if (Path is null) return;
        string line = DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + " " + message + "\n";
        lock (_gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            File.AppendAllText(Path, line);
        }
    }
}
