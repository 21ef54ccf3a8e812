using System.Runtime.InteropServices;

namespace Radiogenomics.Learning.Interop;

/// <summary>Owns an rgt_model*; the native side frees it.</summary>
internal sealed class ModelHandle : SafeHandle
{
    public ModelHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => TorchBridgeNative.rgt_model_free(handle) == 0;
}
