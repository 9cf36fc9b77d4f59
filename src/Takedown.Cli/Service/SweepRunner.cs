using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Takedown.Core.Cases;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Cli.Service;

/// <summary>
/// Runs <c>takedown sweep</c>: queues a copy sweep for the chosen cases, runs it with the service's own
/// <see cref="CopySweeper"/> (a live progress bar on a terminal), then delivers the resulting connector actions and
/// notifications through the outbox, as the service's sweep job does.
/// </summary>
internal sealed class SweepRunner(ServiceConnection connection, TextWriter output, TextWriter error)
{
    private const int ChangePage = 20_000;

    /// <summary>Sweeps for <paramref name="caseNumber"/>, or every case with banked hashes when null; 0 on success.</summary>
    public async Task<int> RunAsync(string? caseNumber, CancellationToken cancellationToken)
    {
        TakedownServerSettings settings = connection.CreateSettings(
            configure: o => o.RunJobs = false,
            logging: l => l.ClearProviders());
        await using TakedownServices services = await TakedownServices.OpenAsync(settings, cancellationToken);
        ITakedownStore store = services.Services.GetRequiredService<ITakedownStore>();
        TimeProvider time = services.Services.GetRequiredService<TimeProvider>();

        IReadOnlyList<CaseRecord> cases;
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            if (caseNumber is not null)
            {
                CaseRecord? one = await session.GetCaseAsync(caseNumber, cancellationToken);
                if (one is null)
                {
                    await error.WriteLineAsync($"sweep: no case {caseNumber}.");
                    return 1;
                }

                if (one.Status is not (CaseStatus.Removed or CaseStatus.ProvisionallyRemoved))
                {
                    await error.WriteLineAsync($"sweep: case {caseNumber} is {one.Status}; only cases whose content was removed have hashes to search for.");
                    return 1;
                }

                cases = [one];
            }
            else
            {
                cases = await CasesWithBankedHashesAsync(session, cancellationToken);
            }

            foreach (CaseRecord c in cases)
            {
                await session.EnqueueSweepAsync(c.Id, time.GetUtcNow(), cancellationToken);
            }

            await session.CommitAsync(cancellationToken);
        }

        if (cases.Count == 0)
        {
            await output.WriteLineAsync("No case has removed content to search for; nothing to sweep.");
            return 0;
        }

        CopySweeper sweeper = services.Services.GetRequiredService<CopySweeper>();
        var finished = new List<SweepProgress>();
        await RunWithProgressAsync(sweeper, finished, cancellationToken);
        int delivered = await services.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(cancellationToken);

        int listed = finished.Count > 0 ? finished[^1].ContentListed : 0;
        foreach (SweepProgress done in finished)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{done.CaseNumber}: {done.ExactRemoved} exact copies removed, {done.NearQueued} near copies queued for review"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Swept {finished.Count} case(s) over {listed} content item(s) on the {connection.PlatformDescription}: " +
            $"{finished.Sum(f => f.ExactRemoved)} exact copies removed, {finished.Sum(f => f.NearQueued)} near copies queued; {delivered} platform action(s) delivered."));
        return 0;
    }

    /// <summary>Cases with active (not released) bank hashes whose content is down, from the bank change sequence.</summary>
    private static async Task<IReadOnlyList<CaseRecord>> CasesWithBankedHashesAsync(ITakedownSession session, CancellationToken cancellationToken)
    {
        var active = new Dictionary<long, string>();
        for (long after = 0; ;)
        {
            IReadOnlyList<BankChange> changes = await session.ReadBankChangesAsync(after, ChangePage, cancellationToken);
            foreach (BankChange change in changes)
            {
                if (change.Added)
                {
                    active[change.EntryId] = change.CaseNumber;
                }
                else
                {
                    active.Remove(change.EntryId);
                }
            }

            if (changes.Count < ChangePage)
            {
                break;
            }

            after = changes[^1].Sequence;
        }

        var cases = new List<CaseRecord>();
        foreach (string number in active.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (await session.GetCaseAsync(number, cancellationToken) is { Status: CaseStatus.Removed or CaseStatus.ProvisionallyRemoved } c)
            {
                cases.Add(c);
            }
        }

        return cases;
    }

    private async Task RunWithProgressAsync(CopySweeper sweeper, List<SweepProgress> finished, CancellationToken cancellationToken)
    {
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        if (!terminal)
        {
            await sweeper.RunPendingAsync(new ListProgress(finished), cancellationToken);
            return;
        }

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                ProgressTask listing = context.AddTask("listing platform content").IsIndeterminate();
                ProgressTask sweeping = context.AddTask("sweeping cases", autoStart: false);
                await sweeper.RunPendingAsync(new ListProgress(finished, p =>
                {
                    if (p.SweepsTotal == 0)
                    {
                        listing.Description = $"listing platform content ({p.ContentListed})";
                        return;
                    }

                    listing.IsIndeterminate(false).Value(listing.MaxValue).StopTask();
                    sweeping.MaxValue = p.SweepsTotal;
                    sweeping.StartTask();
                    sweeping.Value = p.SweepsDone;
                }), cancellationToken);
            });
    }

    /// <summary>Collects finished sweeps synchronously (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class ListProgress(List<SweepProgress> finished, Action<SweepProgress>? onReport = null) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value)
        {
            if (value.CaseNumber is not null)
            {
                finished.Add(value);
            }

            onReport?.Invoke(value);
        }
    }
}
