using System.Text;
using System.Text.Json;
using Takedown.Core.Transparency;

namespace Takedown.Core.Tests.Exchange;

public sealed class DsaStatementTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static RemovalDecisionFacts Facts(int i = 1) => new()
    {
        DecisionId = $"d{i}-i{i}",
        AppliedAt = s_t0.AddHours(2),
        ReceivedAt = s_t0,
    };

    [Fact]
    public void Map_NoticeDecidedByModerator_UsesNciiMapping()
    {
        DsaStatement s = DsaStatementMapper.Map(Facts(), new DsaMappingOptions());

        s.Puid.ShouldBe("takedown-d1-i1");
        s.DecisionVisibility.ShouldBe(["DECISION_VISIBILITY_CONTENT_REMOVED"]);
        s.Category.ShouldBe("STATEMENT_CATEGORY_CYBER_VIOLENCE");
        s.CategorySpecification.ShouldBe(["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"]);
        s.DecisionGround.ShouldBe("DECISION_GROUND_INCOMPATIBLE_CONTENT");
        s.IncompatibleContentIllegal.ShouldBe("Yes");
        s.ContentType.ShouldBe(["CONTENT_TYPE_IMAGE"]);
        s.SourceType.ShouldBe("SOURCE_ARTICLE_16");
        s.AutomatedDetection.ShouldBe("No");
        s.AutomatedDecision.ShouldBe("AUTOMATED_DECISION_NOT_AUTOMATED");
        s.ContentDate.ShouldBe("2026-06-01");
        s.ApplicationDate.ShouldBe("2026-06-01");
        DsaStatementValidator.Validate(s).ShouldBeEmpty();
    }

    [Fact]
    public void Map_DeepfakeExactCopyAndMinor_ChooseKeywordsSourceAndAutomation()
    {
        DsaStatement deepfakeCopy = DsaStatementMapper.Map(Facts() with
        {
            AiGenerated = true, Source = DecisionSource.Voluntary, AutomatedDetection = true, Automation = DecisionAutomation.Partial, MatchKind = "exact", Provisional = true,
        }, new DsaMappingOptions { IllegalGround = true });
        DsaStatement minor = DsaStatementMapper.Map(Facts() with { Minor = true, Video = true }, new DsaMappingOptions());

        deepfakeCopy.CategorySpecification.ShouldBe(["KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE"]);
        deepfakeCopy.ContentType.ShouldBe(["CONTENT_TYPE_IMAGE", "CONTENT_TYPE_SYNTHETIC_MEDIA"]);
        deepfakeCopy.SourceType.ShouldBe("SOURCE_VOLUNTARY");
        deepfakeCopy.AutomatedDetection.ShouldBe("Yes");
        deepfakeCopy.AutomatedDecision.ShouldBe("AUTOMATED_DECISION_PARTIALLY");
        deepfakeCopy.DecisionVisibility.ShouldBe(["DECISION_VISIBILITY_CONTENT_DISABLED"]);
        deepfakeCopy.DecisionGround.ShouldBe("DECISION_GROUND_ILLEGAL_CONTENT");
        deepfakeCopy.IllegalContentLegalGround.ShouldNotBeNullOrWhiteSpace();
        deepfakeCopy.DecisionFacts.ShouldContain("byte-identical copy");
        minor.Category.ShouldBe("STATEMENT_CATEGORY_PROTECTION_OF_MINORS");
        minor.CategorySpecification.ShouldBe(["KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL"]);
        minor.ContentType.ShouldBe(["CONTENT_TYPE_VIDEO"]);
        DsaStatementValidator.Validate(deepfakeCopy).ShouldBeEmpty();
        DsaStatementValidator.Validate(minor).ShouldBeEmpty();
    }

    [Fact]
    public void Puid_UnsafeCharacters_AreReplaced()
    {
        DsaStatementMapper.Puid("my platform", "case/1:2").ShouldBe("my-platform-case-1-2");
    }

    [Fact]
    public void JsonBatches_250Statements_GivesBatchesOfAtMost100WithEveryPuidOnce()
    {
        DsaStatement[] statements = Enumerable.Range(1, 250).Select(i => DsaStatementMapper.Map(Facts(i), new DsaMappingOptions())).ToArray();

        List<byte[]> batches = DsaExport.JsonBatches(statements).ToList();

        batches.Count.ShouldBe(3);
        var puids = new List<string>();
        foreach (byte[] batch in batches)
        {
            using JsonDocument doc = JsonDocument.Parse(batch);
            JsonElement list = doc.RootElement.GetProperty("statements");
            list.GetArrayLength().ShouldBeLessThanOrEqualTo(100);
            foreach (JsonElement s in list.EnumerateArray())
            {
                puids.Add(s.GetProperty("puid").GetString()!);
                s.TryGetProperty("source_identity", out _).ShouldBeFalse();
                s.TryGetProperty("illegal_content_legal_ground", out _).ShouldBeFalse();
            }
        }

        puids.ShouldBe(statements.Select(s => s.Puid));
    }

    [Fact]
    public void JsonBatches_RepeatedPuid_Throws()
    {
        DsaStatement s = DsaStatementMapper.Map(Facts(), new DsaMappingOptions());

        Should.Throw<ArgumentException>(() => DsaExport.JsonBatches([s, s]).ToList()).Message.ShouldContain("repeats");
    }

    [Fact]
    public void WriteCsv_Statements_WritesHeaderAndQuotedRows()
    {
        var writer = new StringWriter();

        DsaExport.WriteCsv(writer, [DsaStatementMapper.Map(Facts(), new DsaMappingOptions()), DsaStatementMapper.Map(Facts(2) with { AiGenerated = true }, new DsaMappingOptions())]);

        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines[0].ShouldStartWith("puid,decision_visibility,decision_ground,");
        lines[2].ShouldContain("\"[\"\"CONTENT_TYPE_IMAGE\"\",\"\"CONTENT_TYPE_SYNTHETIC_MEDIA\"\"]\"");
    }

    [Fact]
    public void Validate_BrokenStatement_ListsEveryRule()
    {
        DsaStatement s = DsaStatementMapper.Map(Facts(), new DsaMappingOptions());
        var broken = new DsaStatement
        {
            Puid = "has space",
            DecisionGround = s.DecisionGround,
            ContentType = ["CONTENT_TYPE_HOLOGRAM"],
            Category = "STATEMENT_CATEGORY_NON_CONSENT",
            ContentDate = "1999-12-31",
            ApplicationDate = s.ApplicationDate,
            DecisionFacts = s.DecisionFacts,
            SourceType = s.SourceType,
            AutomatedDetection = "Maybe",
            AutomatedDecision = s.AutomatedDecision,
        };

        IReadOnlyList<string> errors = DsaStatementValidator.Validate(broken);

        errors.Count.ShouldBe(8); // puid, decision_*, both incompatible fields, content_type, category, automated_detection, content_date
        string.Join('\n', errors).ShouldContain("puid");
        Encoding.UTF8.GetByteCount(string.Join('\n', errors)).ShouldBeGreaterThan(0);
    }
}
