using System.Text;
using Takedown.Hashing.Video;

namespace Takedown.Hashing.Tests.Video;

public sealed class BoundedTailTests
{
    [Fact]
    public void ToString_WithinCapacity_KeepsEverything()
    {
        var tail = new BoundedTail(16);
        tail.Append("abc"u8);
        tail.Append("def\n"u8);
        tail.ToString().ShouldBe("abcdef");
    }

    [Theory]
    [InlineData(new[] { 5, 5, 5, 5 })]
    [InlineData(new[] { 3, 30, 2 })]
    [InlineData(new[] { 9, 9 })]
    [InlineData(new[] { 40 })]
    public void ToString_Overflow_KeepsLastBytesInOrder(int[] chunkSizes)
    {
        // Given chunks of the running text "0123456789012..."
        var tail = new BoundedTail(10);
        var all = new StringBuilder();
        foreach (int size in chunkSizes)
        {
            string chunk = string.Concat(Enumerable.Range(all.Length, size).Select(i => (char)('0' + (i % 10))));
            all.Append(chunk);
            tail.Append(Encoding.ASCII.GetBytes(chunk));
        }

        // Then
        tail.ToString().ShouldBe("…" + all.ToString()[^10..]);
    }
}
