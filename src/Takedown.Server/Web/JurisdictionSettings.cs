using System.Globalization;
using Microsoft.Extensions.Options;
using Takedown.Core.Jurisdictions;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Server.Web;

/// <summary>
/// Jurisdictions, deadlines and deadline warnings edited by an admin: validated, stored (they outlive restarts and
/// override the built-in and configured values), audited, and applied to this node's <see cref="JurisdictionCatalog"/>
/// and warning fractions at once. Stored values are loaded when the node starts; other nodes pick up a change at
/// their next start. A changed deadline applies to requests received from then on (filed cases keep their due time).
/// </summary>
internal sealed class JurisdictionSettings(ITakedownStore store, JurisdictionCatalog catalog, IOptions<TakedownOptions> options, TimeProvider time) : IHostedService
{
    /// <summary>Name of the stored warning fractions setting.</summary>
    public const string WarningFractionsSetting = "deadline.warning_fractions";

    /// <summary>Longest accepted deadline (hours): one year.</summary>
    public const double MaxDeadlineHours = 24 * 366;

    /// <summary>Longest jurisdiction code.</summary>
    public const int MaxCodeLength = 16;

    /// <summary>Longest jurisdiction name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Most warnings per case.</summary>
    public const int MaxWarnings = 5;

    private readonly Lock _fractionsGate = new();

    /// <summary>The outcome of a change: field errors (keyed code, name, hours or warnings), empty when it was saved.</summary>
    /// <param name="Errors">Errors by field.</param>
    public sealed record Outcome(IReadOnlyDictionary<string, string> Errors)
    {
        /// <summary>Whether the change was saved.</summary>
        public bool Saved => Errors.Count == 0;
    }

    /// <summary>The warning fractions in force, ascending.</summary>
    public IReadOnlyList<double> WarningFractions
    {
        get
        {
            lock (_fractionsGate)
            {
                return options.Value.WarningFractions.Order().ToArray();
            }
        }
    }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        foreach (JurisdictionSetting j in await session.ListJurisdictionSettingsAsync(cancellationToken))
        {
            catalog.Apply(new Jurisdiction(j.Code, j.Name, j.Deadline));
        }

        if (await session.GetDeploymentSettingAsync(WarningFractionsSetting, cancellationToken) is { } stored)
        {
            ApplyFractions(stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray());
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Adds a jurisdiction or changes one (built-in ones too). <paramref name="hours"/> is the deadline in hours
    /// (decimals allowed, invariant or with a comma).
    /// </summary>
    public async Task<Outcome> SaveJurisdictionAsync(string actor, string? code, string? name, string? hours, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string normalizedCode = (code ?? string.Empty).Trim().ToUpperInvariant();
        if (normalizedCode.Length is 0 or > MaxCodeLength || !normalizedCode.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-'))
        {
            errors["code"] = $"Enter a code of 1 to {MaxCodeLength} letters, digits or hyphens, for example CA or US-NY.";
        }

        string trimmedName = (name ?? string.Empty).Trim();
        if (trimmedName.Length is 0 or > MaxNameLength || trimmedName.Any(char.IsControl))
        {
            errors["name"] = $"Enter a name of 1 to {MaxNameLength} characters, for example the law that sets the deadline.";
        }

        string hoursText = (hours ?? string.Empty).Trim().Replace(',', '.');
        if (!double.TryParse(hoursText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double h) || h < 1 || h > MaxDeadlineHours)
        {
            errors["hours"] = string.Create(CultureInfo.InvariantCulture, $"Enter the deadline in hours, from 1 to {MaxDeadlineHours:0}, for example 48.");
        }

        if (errors.Count > 0)
        {
            return new Outcome(errors);
        }

        TimeSpan deadline = TimeSpan.FromMinutes(Math.Round(h * 60));
        Jurisdiction? previous = catalog.All.FirstOrDefault(j => string.Equals(j.Code, normalizedCode, StringComparison.OrdinalIgnoreCase));
        DateTimeOffset now = time.GetUtcNow();
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            await session.UpsertJurisdictionSettingAsync(new JurisdictionSetting(normalizedCode, trimmedName, deadline, now), cancellationToken);
            await session.AppendAuditAsync(actor, previous is null ? "jurisdiction.added" : "jurisdiction.changed", null, AuditDetail.Of(new
            {
                code = normalizedCode,
                name = trimmedName,
                deadlineHours = deadline.TotalHours,
                previousName = previous?.Name,
                previousDeadlineHours = previous?.Deadline.TotalHours,
            }), now, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        catalog.Apply(new Jurisdiction(previous?.Code ?? normalizedCode, trimmedName, deadline));
        return new Outcome(errors);
    }

    /// <summary>
    /// Sets the deadline warnings from percentages of the deadline, e.g. <c>"50, 80, 95"</c>: 1 to
    /// <see cref="MaxWarnings"/> distinct whole numbers between 1 and 99.
    /// </summary>
    public async Task<Outcome> SaveWarningsAsync(string actor, string? percentages, CancellationToken cancellationToken)
    {
        string[] parts = (percentages ?? string.Empty).Split([',', ' ', ';', '%'], StringSplitOptions.RemoveEmptyEntries);
        var values = new SortedSet<int>();
        foreach (string part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p is < 1 or > 99 || !values.Add(p))
            {
                values.Clear();
                break;
            }
        }

        if (values.Count is 0 or > MaxWarnings)
        {
            return new Outcome(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["warnings"] = $"Enter 1 to {MaxWarnings} different whole percentages between 1 and 99, separated by commas, for example 50, 80, 95.",
            });
        }

        double[] fractions = values.Select(p => p / 100.0).ToArray();
        IReadOnlyList<double> before = WarningFractions;
        DateTimeOffset now = time.GetUtcNow();
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            await session.SetDeploymentSettingAsync(WarningFractionsSetting, string.Join(' ', fractions.Select(f => f.ToString("0.##", CultureInfo.InvariantCulture))), now, cancellationToken);
            await session.AppendAuditAsync(actor, "deadline.warnings_changed", null, AuditDetail.Of(new { percentages = values.ToArray(), previous = before.Select(f => (int)Math.Round(f * 100)).ToArray() }), now, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        ApplyFractions(fractions);
        return new Outcome(new Dictionary<string, string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// Overwrites the option list in place (the deadline job reads it on each run). Elements are replaced rather than
    /// the list cleared, so a concurrent reader sees valid fractions at every moment.
    /// </summary>
    private void ApplyFractions(double[] fractions)
    {
        lock (_fractionsGate)
        {
            IList<double> list = options.Value.WarningFractions;
            while (list.Count > fractions.Length)
            {
                list.RemoveAt(list.Count - 1);
            }

            for (int i = 0; i < fractions.Length; i++)
            {
                if (i < list.Count)
                {
                    list[i] = fractions[i];
                }
                else
                {
                    list.Add(fractions[i]);
                }
            }
        }
    }
}
