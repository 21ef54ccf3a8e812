namespace Radiogenomics.Engine.Execution;

/// <summary>Tells the engine whether a GPU is usable. The learning library supplies the real one.</summary>
public interface IDeviceProbe
{
    bool GpuAvailable { get; }
    string Describe();
}
