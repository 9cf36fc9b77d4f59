namespace Takedown.Core.Requests;

/// <summary>How a request came in (INT-4).</summary>
public enum IntakeChannel
{
    /// <summary>The public form or API, no account.</summary>
    Public = 0,

    /// <summary>A trusted flagger (DSA Art 22): handled with priority.</summary>
    TrustedFlagger = 1,

    /// <summary>A regulator's notice (e.g. an eSafety removal notice, an Indian grievance): priority, own deadline.</summary>
    Regulator = 2,
}

/// <summary>Wire names and ranks of <see cref="IntakeChannel"/>.</summary>
public static class IntakeChannels
{
    /// <summary>The stable wire name.</summary>
    public static string ToWire(this IntakeChannel channel) => channel switch
    {
        IntakeChannel.Public => "public",
        IntakeChannel.TrustedFlagger => "trusted_flagger",
        IntakeChannel.Regulator => "regulator",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    /// <summary>Parses a wire name; false for anything else.</summary>
    public static bool TryParse(string? value, out IntakeChannel channel)
    {
        foreach (IntakeChannel candidate in Enum.GetValues<IntakeChannel>())
        {
            if (candidate.ToWire() == value)
            {
                channel = candidate;
                return true;
            }
        }

        channel = IntakeChannel.Public;
        return false;
    }

    /// <summary>
    /// Rank of the channel (higher is more authoritative): regulator 2, trusted flagger 1, public 0. Recorded with the
    /// case and shown; the moderator queue is ordered by time left only, so a notice's urgency comes from its deadline.
    /// </summary>
    public static int Priority(this IntakeChannel channel) => channel switch
    {
        IntakeChannel.Regulator => 2,
        IntakeChannel.TrustedFlagger => 1,
        _ => 0,
    };
}
