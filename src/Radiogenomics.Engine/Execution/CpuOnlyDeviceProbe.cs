namespace Radiogenomics.Engine.Execution;

/// <summary>The probe used when no GPU runtime is linked in: everything runs on the CPU.</summary>
public sealed class CpuOnlyDeviceProbe : IDeviceProbe
{
    public bool GpuAvailable => false;
    public string Describe() => "cpu";
}
