using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Hashing.Tests.Pdq;

public sealed class PdqScratchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(18_136)]
    [InlineData(PdqScratch.MaxKeptFloats)]
    [InlineData(PdqScratch.MaxKeptFloats + 1)]
    public void Aligned_AnySize_StartsOnCacheLineWithRequestedLength(int floats)
    {
        // Given
        float[] rented = PdqScratch.Rent(floats);
        try
        {
            // When
            Span<float> scratch = PdqScratch.Aligned(rented, floats);

            // Then
            scratch.Length.ShouldBe(floats);
            AddressOf(scratch).ShouldBe(AddressOf(scratch) & ~(nuint)63);
        }
        finally
        {
            PdqScratch.Return(rented);
        }
    }

    [Fact]
    public void Rent_AfterReturnOnSameThread_ReusesTheArray()
    {
        // Given
        float[] first = PdqScratch.Rent(5000);
        PdqScratch.Return(first);

        // When
        float[] second = PdqScratch.Rent(4000);
        PdqScratch.Return(second);

        // Then
        second.ShouldBeSameAs(first);
    }

    [Fact]
    public void Rent_WhileAnotherIsOut_GivesADifferentArray()
    {
        // Given
        float[] outer = PdqScratch.Rent(1000);

        // When
        float[] inner = PdqScratch.Rent(1000);

        // Then
        inner.ShouldNotBeSameAs(outer);
        PdqScratch.Return(inner);
        PdqScratch.Return(outer);
    }

    [Fact]
    public void Return_LargerThanTheCap_IsNotKept()
    {
        // Given
        float[] huge = PdqScratch.Rent(PdqScratch.MaxKeptFloats + 1);

        // When
        PdqScratch.Return(huge);
        float[] next = PdqScratch.Rent(PdqScratch.MaxKeptFloats + 1);

        // Then
        next.ShouldNotBeSameAs(huge);
    }

    [Fact]
    public void Aligned_AfterFullCollections_StillOnCacheLine()
    {
        // Given: the boundary is computed from the array's address, which must not move.
        float[] rented = PdqScratch.Rent(4096);
        nuint before = AddressOf(PdqScratch.Aligned(rented, 4096));

        // When
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        // Then
        AddressOf(PdqScratch.Aligned(rented, 4096)).ShouldBe(before);
        PdqScratch.Return(rented);
    }

    private static unsafe nuint AddressOf(Span<float> span) => (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
}
