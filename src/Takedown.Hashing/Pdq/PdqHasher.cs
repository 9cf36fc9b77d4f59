using Takedown.Hashing.Pdq.Internal;

namespace Takedown.Hashing.Pdq;

/// <summary>
/// PDQ perceptual hashing, bit-identical (hash and quality) with Meta's reference <c>pdq/cpp</c>.
/// </summary>
/// <remarks>
/// <para>
/// Two modes, as the reference has them. <em>File mode</em> (<see cref="ComputeHash"/>,
/// <see cref="ComputeDihedralHashes"/>) applies the reference's step "if width or height exceeds 512,
/// nearest-neighbour resize to exactly 512x512" (aspect ratio not kept), which is what
/// <c>pdq-photo-hasher</c> does to a decoded image. <em>Buffer mode</em> (<c>…NoResize</c>, <c>…FromLuma</c>)
/// hashes the pixels as they are, as vPDQ does with full-resolution frames.
/// </para>
/// <para>
/// The plain hash of an input exactly 64x64 skips the blur (the reference's fast path); the dihedral
/// routine has no such path, so there its <see cref="PdqDihedralResult.Original"/> can differ from the
/// plain hash. Inputs with a side under 5 pixels hash to zero with quality 0.
/// </para>
/// <para>All methods are thread-safe and allocate nothing in steady state.</para>
/// </remarks>
public static class PdqHasher
{
    /// <summary>File mode: hashes 8-bit pixels, resizing to 512x512 first when a side exceeds 512.</summary>
    /// <param name="pixels">Row-major pixels; row <c>y</c> starts at <c>y * stride</c>.</param>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="stride">Bytes from one row to the next (at least width x channels).</param>
    /// <param name="format">Pixel layout.</param>
    /// <returns>The hash and its quality (0..100).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size, stride or format is invalid.</exception>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> is too short.</exception>
    public static PdqResult ComputeHash(ReadOnlySpan<byte> pixels, int width, int height, int stride, PdqPixelFormat format) =>
        PdqCore.Hash(PdqInput.FromPixels(pixels, width, height, stride, format, fileMode: true), PdqKernel.Auto);

    /// <summary>Buffer mode: hashes 8-bit pixels as they are (no 512x512 resize).</summary>
    /// <inheritdoc cref="ComputeHash(ReadOnlySpan{byte}, int, int, int, PdqPixelFormat)"/>
    public static PdqResult ComputeHashNoResize(ReadOnlySpan<byte> pixels, int width, int height, int stride, PdqPixelFormat format) =>
        PdqCore.Hash(PdqInput.FromPixels(pixels, width, height, stride, format, fileMode: false), PdqKernel.Auto);

    /// <summary>File mode: the eight dihedral hashes from one filter and DCT run (no 64x64 fast path).</summary>
    /// <inheritdoc cref="ComputeHash(ReadOnlySpan{byte}, int, int, int, PdqPixelFormat)"/>
    public static PdqDihedralResult ComputeDihedralHashes(ReadOnlySpan<byte> pixels, int width, int height, int stride, PdqPixelFormat format) =>
        PdqCore.HashDihedral(PdqInput.FromPixels(pixels, width, height, stride, format, fileMode: true), PdqKernel.Auto);

    /// <summary>Buffer mode: the eight dihedral hashes of the pixels as they are.</summary>
    /// <inheritdoc cref="ComputeHash(ReadOnlySpan{byte}, int, int, int, PdqPixelFormat)"/>
    public static PdqDihedralResult ComputeDihedralHashesNoResize(ReadOnlySpan<byte> pixels, int width, int height, int stride, PdqPixelFormat format) =>
        PdqCore.HashDihedral(PdqInput.FromPixels(pixels, width, height, stride, format, fileMode: false), PdqKernel.Auto);

    /// <summary>
    /// Buffer mode on float luma (the reference's <c>pdqHash256FromFloatLuma</c>): no resize, 64x64 fast path.
    /// This is what vPDQ runs on each full-resolution frame.
    /// </summary>
    /// <param name="luma">Row-major luma, <paramref name="width"/> x <paramref name="height"/> values, no padding.</param>
    /// <param name="width">Width (at least 1).</param>
    /// <param name="height">Height (at least 1).</param>
    /// <returns>The hash and its quality (0..100).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="luma"/> is too short.</exception>
    public static PdqResult ComputeHashFromLuma(ReadOnlySpan<float> luma, int width, int height) =>
        PdqCore.Hash(PdqInput.FromLuma(luma, width, height), PdqKernel.Auto);

    /// <summary>The eight dihedral hashes of float luma (the reference's <c>pdqDihedralHash256esFromFloatLuma</c>).</summary>
    /// <inheritdoc cref="ComputeHashFromLuma(ReadOnlySpan{float}, int, int)"/>
    public static PdqDihedralResult ComputeDihedralHashesFromLuma(ReadOnlySpan<float> luma, int width, int height) =>
        PdqCore.HashDihedral(PdqInput.FromLuma(luma, width, height), PdqKernel.Auto);
}
