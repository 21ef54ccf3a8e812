namespace Radiogenomics.Engine.Workflow;

/// <summary>Where a stage asks to run. Auto picks the GPU when one is present.</summary>
public enum DeviceRequest
{
    Auto,
    Cpu,
    Gpu,
}
