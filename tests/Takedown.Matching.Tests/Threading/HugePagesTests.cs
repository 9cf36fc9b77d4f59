using Takedown.Matching.Storage;

namespace Takedown.Matching.Tests.Threading;

public sealed class HugePagesTests
{
    [Fact]
    public void Collapse_PinnedArrays_KeepsEveryValue()
    {
        // Given: pinned arrays side by side, so the widened 2 MB ranges overlap neighbours.
        var arrays = new ulong[3][];
        for (int a = 0; a < arrays.Length; a++)
        {
            arrays[a] = GC.AllocateUninitializedArray<ulong>((3 << 20) / 8, pinned: true);
            for (int i = 0; i < arrays[a].Length; i++)
            {
                arrays[a][i] = ((ulong)a << 40) ^ ((ulong)i * 0x9E37_79B9_7F4A_7C15UL);
            }
        }

        // When
        foreach (ulong[] array in arrays)
        {
            HugePages.Collapse(array);
        }

        // Then
        for (int a = 0; a < arrays.Length; a++)
        {
            for (int i = 0; i < arrays[a].Length; i++)
            {
                if (arrays[a][i] != (((ulong)a << 40) ^ ((ulong)i * 0x9E37_79B9_7F4A_7C15UL)))
                {
                    Assert.Fail($"array {a} changed at {i}");
                }
            }
        }
    }
}
