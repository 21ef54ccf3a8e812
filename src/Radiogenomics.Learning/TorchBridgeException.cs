namespace Radiogenomics.Learning;

/// <summary>A failure reported by the native libtorch bridge, carrying its status and message.</summary>
public sealed class TorchBridgeException : Exception
{
    public TorchBridgeException(TorchBridgeStatus status, string message)
        : base(string.IsNullOrEmpty(message) ? $"libtorch bridge failed with status {status}" : message)
    {
        Status = status;
    }

    public TorchBridgeStatus Status { get; }
}
