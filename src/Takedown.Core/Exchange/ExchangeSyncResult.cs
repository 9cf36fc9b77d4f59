using System.ComponentModel;

namespace Takedown.Core.Exchange;

/// <summary>How a sync run ended.</summary>
/// <param name="Pages">Pages fetched and applied.</param>
/// <param name="Upserted">Hashes added or replaced.</param>
/// <param name="Deleted">Hashes removed (withdrawn or deleted at the source).</param>
/// <param name="UpToDate">True when the source said it had nothing more.</param>
/// <param name="Error">Why the run stopped early (bad page, transport failure, page cap, time budget), or null.</param>
public sealed record ExchangeSyncResult(
    [property: Description("Pages fetched and applied.")] int Pages,
    [property: Description("Hashes added or replaced.")] int Upserted,
    [property: Description("Hashes removed (withdrawn or deleted at the source).")] int Deleted,
    [property: Description("True when the source said it had nothing more.")] bool UpToDate,
    [property: Description("Why the run stopped early (bad page, transport failure, page cap, time budget), or null.")] string? Error)
{
    /// <summary>True when the run stopped on a failure (not merely on a limit with no error).</summary>
    [Description("True when the sync stopped with an error (see error); what it imported before that is kept.")]
    public bool Failed => Error is not null;
}

/// <summary>Bounds on one sync run, so that a feed that never ends cannot hold the job forever.</summary>
public sealed record ExchangeSyncLimits
{
    /// <summary>Most pages fetched in one run.</summary>
    /// <value>The default value is 1,000.</value>
    public int MaxPages { get; init; } = 1_000;

    /// <summary>Time budget of one run; the run stops after the page that crosses it.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most records accepted in one page.</summary>
    /// <value>The default value is 100,000.</value>
    public int MaxRecordsPerPage { get; init; } = 100_000;
}
