using Takedown.Core.Audit;

namespace Takedown.Core.Tests;

public sealed class AuditChainTests
{
    private static List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>();
        ReadOnlyMemory<byte> previous = AuditChain.Genesis;
        var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 1; i <= count; i++)
        {
            string detail = $"{{\"n\":{i}}}";
            byte[] hash = AuditChain.ComputeHash(previous.Span, i, at.AddMinutes(i), "user:mod", "case.read", "TD-AAAA-BBBB", detail);
            events.Add(new AuditEvent(i, at.AddMinutes(i), "user:mod", "case.read", "TD-AAAA-BBBB", detail, previous, hash));
            previous = hash;
        }

        return events;
    }

    [Fact]
    public void Verify_IntactChain_ReturnsNull()
    {
        AuditChain.Verify(Chain(5)).ShouldBeNull();
    }

    [Fact]
    public void Verify_EditedDetail_ReturnsItsSequence()
    {
        List<AuditEvent> events = Chain(5);
        events[2] = events[2] with { Detail = "{\"n\":99}" };

        AuditChain.Verify(events).ShouldBe(3);
    }

    [Fact]
    public void Verify_DeletedEvent_IsDetected()
    {
        List<AuditEvent> events = Chain(5);
        events.RemoveAt(1);

        AuditChain.Verify(events).ShouldBe(3);
    }

    [Fact]
    public void Canonical_FieldBoundaries_AreUnambiguous()
    {
        byte[] a = AuditChain.Canonical(1, DateTimeOffset.UnixEpoch, "ab", "c", null, "");
        byte[] b = AuditChain.Canonical(1, DateTimeOffset.UnixEpoch, "a", "bc", null, "");

        a.ShouldNotBe(b);
    }

    [Fact]
    public void JsonLine_RoundTrip_StillVerifies()
    {
        List<AuditEvent> events = Chain(3);
        using var writer = new StringWriter();
        foreach (AuditEvent e in events)
        {
            AuditChain.WriteJsonLine(writer, e);
        }

        List<AuditEvent> read = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(AuditChain.ReadJsonLine).ToList();

        read.Count.ShouldBe(3);
        AuditChain.Verify(read).ShouldBeNull();
    }
}
