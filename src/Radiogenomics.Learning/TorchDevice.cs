namespace Radiogenomics.Learning;

/// <summary>Where a model lives: the CPU, a CUDA device, or the best available (CUDA if present, else CPU).</summary>
public readonly record struct TorchDevice
{
    private TorchDevice(string name) => Name = name;

    /// <summary>The device string passed to the bridge: "cpu", "cuda:N" or "auto".</summary>
    public string Name { get; }

    public static TorchDevice Cpu => new("cpu");

    public static TorchDevice Auto => new("auto");

    public static TorchDevice Cuda(int index = 0) =>
        index >= 0 ? new($"cuda:{index}") : throw new ArgumentOutOfRangeException(nameof(index), index, "must not be negative");

    public override string ToString() => Name ?? "auto";
}
