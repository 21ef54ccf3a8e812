using Radiogenomics.Engine.Stages;
using Radiogenomics.Learning;

namespace Radiogenomics.Stages;

/// <summary>
/// What a libtorch stage declares to the engine. libtorch's thread count is process-wide (and OpenMP's per calling
/// thread), so two such stages with different <c>threads</c> would change each other's setting — and with it the
/// bits of CPU results, which are reproducible only for a fixed thread count: each holds <c>"libtorch"</c> alone
/// and the cores it uses. Its code identity includes the native bridge's bytes.
/// </summary>
internal static class TorchStageRequirements
{
    public const string Libtorch = "libtorch";

    public static StageResources Resources(ResolvedParameters parameters) => new()
    {
        Threads = Threads(parameters),
        Exclusive = [Libtorch],
    };

    public static int Threads(ResolvedParameters parameters) =>
        parameters.GetInt32("threads") > 0 ? parameters.GetInt32("threads") : Environment.ProcessorCount;

    public static IReadOnlyList<string> NativeCode => TorchRuntime.BridgeLibraryPath is { } path ? [path] : [];
}
