namespace Takedown.Hashing.Pdq;

/// <summary>
/// The eight dihedral transforms of an image, in the order the reference prints them
/// (<c>--pdqdih-across</c>) and <c>takedown hash --dihedral</c> writes them.
/// </summary>
public enum Dihedral
{
    /// <summary>The image as it is.</summary>
    Original = 0,

    /// <summary>Rotated 90 degrees.</summary>
    Rotate90 = 1,

    /// <summary>Rotated 180 degrees.</summary>
    Rotate180 = 2,

    /// <summary>Rotated 270 degrees.</summary>
    Rotate270 = 3,

    /// <summary>Mirrored left to right.</summary>
    FlipX = 4,

    /// <summary>Mirrored top to bottom.</summary>
    FlipY = 5,

    /// <summary>Transposed (mirrored across the main diagonal).</summary>
    FlipPlus1 = 6,

    /// <summary>Mirrored across the anti-diagonal.</summary>
    FlipMinus1 = 7,
}
