namespace Takedown.Hashing.Pdq.Internal;

/// <summary>
/// The vector operations the fused kernel needs, implemented once per vector width so the kernel is
/// written once (<see cref="PdqVectorKernel{TLanes, TVector}"/>) and specialised by the JIT.
/// Every operation is lane-wise IEEE float32 (no fused multiply-add), so each lane computes exactly
/// what the scalar reference computes for one row or column.
/// </summary>
/// <typeparam name="TVector">The vector of <see cref="Count"/> floats.</typeparam>
internal interface IPdqLanes<TVector>
    where TVector : struct
{
    /// <summary>Lanes per vector; also the side of the square blocks that <see cref="Transpose"/> flips.</summary>
    public static abstract int Count { get; }

    /// <summary>Bytes <see cref="LumaRgb"/> reads from its start (more than the 3 x Count it uses).</summary>
    public static abstract int RgbReadBytes { get; }

    /// <summary>True when the kernel can run natively on this machine.</summary>
    public static abstract bool IsSupported { get; }

    public static abstract TVector Zero { get; }

    public static abstract TVector Load(ref float source, nuint index);

    public static abstract void Store(TVector value, ref float destination, nuint index);

    public static abstract TVector Splat(float value);

    public static abstract TVector Add(TVector left, TVector right);

    public static abstract TVector Subtract(TVector left, TVector right);

    /// <summary>
    /// <c>left + Load(source, index)</c> as one operation, so the JIT folds the load into the add (it does not
    /// through the wrapper vector types).
    /// </summary>
    public static abstract TVector AddLoaded(TVector left, ref float source, nuint index);

    /// <summary><c>left - Load(source, index)</c> as one operation (see <see cref="AddLoaded"/>).</summary>
    public static abstract TVector SubtractLoaded(TVector left, ref float source, nuint index);

    public static abstract TVector Multiply(TVector left, TVector right);

    public static abstract TVector Divide(TVector left, TVector right);

    /// <summary>
    /// Transposes the Count x Count block whose row i starts at <c>source + i*sourceStride</c> into rows
    /// starting at <c>destination + i*destinationStride</c> (destination row j = source column j).
    /// </summary>
    public static abstract void Transpose(ref float source, nuint sourceStride, ref float destination, nuint destinationStride);

    /// <summary>
    /// <see cref="Transpose"/> for a destination that is not read back by full-vector loads soon after (it may
    /// store partial vectors, which cannot be forwarded to a wider load).
    /// </summary>
    public static abstract void TransposeToDistantRows(ref float source, nuint sourceStride, ref float destination, nuint destinationStride);

    /// <summary>Luma of Count interleaved RGB pixels (reads <see cref="RgbReadBytes"/> bytes).</summary>
    public static abstract TVector LumaRgb(ref byte source);

    /// <summary>
    /// Luma of a Count x Count block of interleaved RGB pixels (row i at <c>source + i*sourceStride</c>, each
    /// read as <see cref="LumaRgb"/> reads), stored transposed: destination row j = the block's column j.
    /// </summary>
    public static abstract void LumaRgbTransposed(ref byte source, nint sourceStride, ref float destination, nuint destinationStride);

    /// <summary>Luma (<c>(float)grey</c>) of Count grey pixels (reads Count bytes).</summary>
    public static abstract TVector LumaGrey(ref byte source);
}
