namespace Radiogenomics.Learning;

/// <summary>Status codes of the native bridge (the RGT_* values in radiogenomics_torch.h).</summary>
public enum TorchBridgeStatus
{
    Ok = 0,
    InvalidArgument = 1,
    TorchError = 2,
    IoError = 3,
    Cancelled = 4,
    DeviceUnavailable = 5,
    OutOfMemory = 6,
    InternalError = 7,
}
