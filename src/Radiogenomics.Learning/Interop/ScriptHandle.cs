using System.Runtime.InteropServices;

namespace Radiogenomics.Learning.Interop;

/// <summary>Owns an rgt_script* (a loaded TorchScript module); the native side frees it.</summary>
internal sealed class ScriptHandle : SafeHandle
{
    public ScriptHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => TorchBridgeNative.rgt_script_free(handle) == 0;
}
