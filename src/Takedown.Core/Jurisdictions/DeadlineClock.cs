namespace Takedown.Core.Jurisdictions;

/// <summary>Deadline arithmetic: due time, time left and the warning level reached.</summary>
public static class DeadlineClock
{
    /// <summary>Due time of a request received at <paramref name="receivedAt"/> under <paramref name="jurisdiction"/>.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset receivedAt, Jurisdiction jurisdiction) =>
        receivedAt + jurisdiction.Deadline;

    /// <summary>Fraction of the allowed time used at <paramref name="now"/> (may exceed 1 after the deadline).</summary>
    public static double FractionElapsed(DateTimeOffset receivedAt, DateTimeOffset dueAt, DateTimeOffset now)
    {
        double total = (dueAt - receivedAt).TotalMilliseconds;
        return total <= 0 ? 1 : (now - receivedAt).TotalMilliseconds / total;
    }

    /// <summary>
    /// How many of the ascending <paramref name="fractions"/> have been reached at <paramref name="now"/>
    /// (0 = none). A warning job fires once per level.
    /// </summary>
    public static int WarningLevel(DateTimeOffset receivedAt, DateTimeOffset dueAt, DateTimeOffset now, IReadOnlyList<double> fractions)
    {
        double elapsed = FractionElapsed(receivedAt, dueAt, now);
        int level = 0;
        for (int i = 0; i < fractions.Count; i++)
        {
            if (elapsed >= fractions[i])
            {
                level = i + 1;
            }
        }

        return level;
    }
}
