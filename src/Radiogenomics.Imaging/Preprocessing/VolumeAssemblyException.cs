namespace Radiogenomics.Imaging.Preprocessing;

/// <summary>A series' files do not make one regular volume; the message names the series, the slices and the fix.</summary>
public sealed class VolumeAssemblyException : Exception
{
    public VolumeAssemblyException(string series, string message) : base($"{series}: {message}") => Series = series;

    public string Series { get; }
}
