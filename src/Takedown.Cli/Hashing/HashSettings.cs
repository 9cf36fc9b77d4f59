using Takedown.Hashing.Imaging;
using Takedown.Hashing.Video;

namespace Takedown.Cli.Hashing;

/// <summary>What <c>takedown hash</c> was asked to do.</summary>
/// <param name="Dihedral">Print the eight dihedral hashes of each image instead of one.</param>
/// <param name="Decoder">The image decoder (orientation, pixel limit, shrink-on-load).</param>
/// <param name="Jobs">How many files are hashed at once.</param>
/// <param name="Video">vPDQ settings for video files (seconds per hash, limits).</param>
internal sealed record HashSettings(bool Dihedral, ImageDecoder Decoder, int Jobs, VideoHashOptions Video);
