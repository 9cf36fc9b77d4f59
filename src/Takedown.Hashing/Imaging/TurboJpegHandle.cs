using Microsoft.Win32.SafeHandles;

namespace Takedown.Hashing.Imaging;

/// <summary>A TurboJPEG decompressor instance (<c>tjhandle</c>); not thread-safe, so one per thread.</summary>
internal sealed class TurboJpegHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Used by the marshaller.</summary>
    public TurboJpegHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => TurboJpegInterop.Destroy(handle) == 0;
}
