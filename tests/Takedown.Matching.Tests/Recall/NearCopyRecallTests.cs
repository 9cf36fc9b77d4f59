using System.Runtime.CompilerServices;
using System.Text;
using Takedown.Hashing.Imaging;
using Takedown.Hashing.Pdq;

namespace Takedown.Matching.Tests.Recall;

/// <summary>
/// How many edited copies of the reference images are found at threshold 31, with and without dihedral queries,
/// and how many unrelated images match. The figures are printed and kept in bench/results/matching.md; only sane
/// invariants are asserted (thresholds are not tuned to these images).
/// </summary>
public sealed class NearCopyRecallTests
{
    private const int Threshold = 31;
    private const int MinUsableQuality = 50;

    /// <summary>One picture per family: the reference set holds many edits of the bridge (modes/original.jpg is the bridge too).</summary>
    private static readonly string[] s_originals =
    [
        "bridge-mods/aaa-orig.jpg", "reg-test-input/exif-rotn/exif-rotn-1.jpg", "misc-images/wee.jpg", "misc-images/small.jpg",
        "reg-test-input/labelme-subset/q0003.jpg", "reg-test-input/labelme-subset/q0004.jpg",
        "reg-test-input/labelme-subset/q0122.jpg", "reg-test-input/labelme-subset/q0291.jpg",
        "reg-test-input/labelme-subset/q0746.jpg", "reg-test-input/labelme-subset/q1050.jpg",
        "reg-test-input/labelme-subset/q2821.jpg",
    ];

    [Fact]
    public void NearCopies_EachTransform_ReportsRecallAndFalseMatches()
    {
        // Given: the originals' plain hashes in an index (ids = original number).
        string images = ReferenceImages();
        var index = new HammingIndex(new HammingIndexOptions { Strategy = HammingIndexStrategy.Flat });
        var usable = new bool[s_originals.Length];
        for (int i = 0; i < s_originals.Length; i++)
        {
            PdqResult original = ImageHasher.ComputeHash(Path.Combine(images, s_originals[i]));
            index.Add(original.Hash, i);

            // PDQ's own rule: hashes of quality <= 49 are noise and are discarded (a flat or tiny image).
            usable[i] = original.Quality >= MinUsableQuality;
        }

        int nUsable = usable.Count(u => u);

        var report = new StringBuilder();
        report.AppendLine($"| transform | found, plain query | found, 8 dihedral queries | false matches plain / dihedral (of {s_originals.Length * (s_originals.Length - 1)} pairs) | quality >= {MinUsableQuality} originals only: found plain / dihedral, false plain / dihedral (of {nUsable * (nUsable - 1)} pairs) |");
        report.AppendLine("|---|---|---|---|---|");
        var results = new List<HammingMatch>();
        foreach (string transform in CopyTransforms.Names)
        {
            int foundPlain = 0;
            int foundDihedral = 0;
            int falsePlain = 0;
            int falseDihedral = 0;
            int[] usableCounts = new int[4];
            for (int i = 0; i < s_originals.Length; i++)
            {
                // When: the copy is hashed as an upload would be, then searched plain and with its eight variants.
                byte[] copy = CopyTransforms.Apply(transform, Path.Combine(images, s_originals[i]));
                using DecodedImage decoded = ImageDecoder.Default.Decode(copy, $"{transform}:{s_originals[i]}");
                PdqHash plain = ImageHasher.ComputeHash(decoded).Hash;
                var dihedral = new PdqHash[PdqDihedralResult.Count];
                ImageHasher.ComputeDihedralHashes(decoded).CopyTo(dihedral);

                index.Search([plain], Threshold, results);
                int hit = results.Any(m => m.Id == i) ? 1 : 0;
                int misses = results.Count(m => m.Id != i);
                int usableMisses = usable[i] ? results.Count(m => m.Id != i && usable[m.Id]) : 0;
                foundPlain += hit;
                falsePlain += misses;
                bool identityFound = hit == 1;
                if (usable[i])
                {
                    usableCounts[0] += hit;
                    usableCounts[2] += usableMisses;
                }

                index.Search(dihedral, Threshold, results);
                hit = results.Any(m => m.Id == i) ? 1 : 0;
                foundDihedral += hit;
                falseDihedral += results.Count(m => m.Id != i);
                if (usable[i])
                {
                    usableCounts[1] += hit;
                    usableCounts[3] += results.Count(m => m.Id != i && usable[m.Id]);
                }

                // Then: an unedited copy is always found, both ways.
                if (transform == "identity")
                {
                    identityFound.ShouldBeTrue(s_originals[i]);
                    results.ShouldContain(m => m.Id == i, s_originals[i]);
                }
            }

            int n = s_originals.Length;
            report.AppendLine($"| {transform} | {foundPlain}/{n} | {foundDihedral}/{n} | {falsePlain} / {falseDihedral} | {usableCounts[0]}/{nUsable} / {usableCounts[1]}/{nUsable}, {usableCounts[2]} / {usableCounts[3]} |");
            foundPlain.ShouldBeInRange(0, n);
            foundDihedral.ShouldBeInRange(0, n);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());
    }

    private static string ReferenceImages([CallerFilePath] string here = "")
    {
        string repo = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
        string images = Path.GetFullPath(Path.Combine(repo, "..", "shared", "reference", "pdq", "images"));
        return Directory.Exists(images)
            ? images
            : throw new DirectoryNotFoundException($"The PDQ reference images are missing: expected {images} (shared reference data beside the repository).");
    }
}
