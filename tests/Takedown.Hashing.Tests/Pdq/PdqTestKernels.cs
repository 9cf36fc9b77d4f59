using System.Runtime.Intrinsics;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Hashing.Tests.Pdq;

/// <summary>The kernels this machine (and this run's DOTNET_Enable* settings) can execute natively.</summary>
internal static class PdqTestKernels
{
    public static IEnumerable<PdqKernel> Available()
    {
        yield return PdqKernel.Scalar;
        if (Vector128.IsHardwareAccelerated)
        {
            yield return PdqKernel.Vector128;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            yield return PdqKernel.Vector256;
        }
    }

    public static PdqKernel Parse(string name) => Enum.Parse<PdqKernel>(name);
}
