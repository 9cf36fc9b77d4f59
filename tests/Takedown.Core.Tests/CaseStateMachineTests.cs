using Takedown.Core;
using Takedown.Core.Cases;

namespace Takedown.Core.Tests;

public sealed class CaseStateMachineTests
{
    public static TheoryData<CaseStatus, CaseStatus> Allowed => new()
    {
        { CaseStatus.Incomplete, CaseStatus.Open },
        { CaseStatus.Open, CaseStatus.Removed },
        { CaseStatus.Open, CaseStatus.ProvisionallyRemoved },
        { CaseStatus.Open, CaseStatus.Rejected },
        { CaseStatus.Open, CaseStatus.InformationRequested },
        { CaseStatus.InformationRequested, CaseStatus.Open },
        { CaseStatus.ProvisionallyRemoved, CaseStatus.Removed },
        { CaseStatus.ProvisionallyRemoved, CaseStatus.Rejected },
        { CaseStatus.Removed, CaseStatus.Withdrawn },
        { CaseStatus.Removed, CaseStatus.Restored },
        { CaseStatus.Rejected, CaseStatus.Open },
    };

    public static TheoryData<CaseStatus, CaseStatus> Refused => new()
    {
        { CaseStatus.Withdrawn, CaseStatus.Open },
        { CaseStatus.Withdrawn, CaseStatus.Removed },
        { CaseStatus.Restored, CaseStatus.Removed },
        { CaseStatus.Removed, CaseStatus.Rejected },
        { CaseStatus.Removed, CaseStatus.Open },
        { CaseStatus.Rejected, CaseStatus.Removed },
        { CaseStatus.Open, CaseStatus.Restored },
        { CaseStatus.Open, CaseStatus.Open },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void EnsureCanMove_AllowedMove_DoesNotThrow(CaseStatus from, CaseStatus to)
    {
        // When / Then
        CaseStateMachine.CanMove(from, to).ShouldBeTrue();
        Should.NotThrow(() => CaseStateMachine.EnsureCanMove(from, to));
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void EnsureCanMove_RefusedMove_ThrowsInvalidTransition(CaseStatus from, CaseStatus to)
    {
        // When
        InvalidTransitionException e = Should.Throw<InvalidTransitionException>(() => CaseStateMachine.EnsureCanMove(from, to));

        // Then
        e.From.ShouldBe(from);
        e.To.ShouldBe(to);
        e.ShouldBeAssignableTo<TakedownException>();
    }

    [Fact]
    public void NextStatuses_TerminalStatuses_AreEmpty()
    {
        CaseStateMachine.NextStatuses(CaseStatus.Withdrawn).ShouldBeEmpty();
        CaseStateMachine.NextStatuses(CaseStatus.Restored).ShouldBeEmpty();
    }

    [Fact]
    public void NextStatuses_EveryStatus_HasAnEntry()
    {
        foreach (CaseStatus status in Enum.GetValues<CaseStatus>())
        {
            bool terminal = status is CaseStatus.Withdrawn or CaseStatus.Restored;
            (CaseStateMachine.NextStatuses(status).Count == 0).ShouldBe(terminal, status.ToString());
        }
    }

    [Fact]
    public void WireNames_EveryValue_RoundTrips()
    {
        foreach (CaseStatus s in Enum.GetValues<CaseStatus>())
        {
            WireNames.ParseCaseStatus(s.ToWire()).ShouldBe(s);
        }

        foreach (ItemStatus s in Enum.GetValues<ItemStatus>())
        {
            WireNames.ParseItemStatus(s.ToWire()).ShouldBe(s);
        }

        foreach (DecisionKind k in Enum.GetValues<DecisionKind>())
        {
            WireNames.TryParseDecisionKind(k.ToWire(), out DecisionKind parsed).ShouldBeTrue();
            parsed.ShouldBe(k);
        }

        Should.Throw<FormatException>(() => WireNames.ParseCaseStatus("nope"));
    }
}
