using System.Runtime.InteropServices;

namespace Radiogenomics.Learning.Interop;

/// <summary>Owns an rgt_trainer*. The native trainer keeps its model alive, so release order does not matter.</summary>
internal sealed class TrainerHandle : SafeHandle
{
    public TrainerHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => TorchBridgeNative.rgt_trainer_free(handle) == 0;
}
