using Microsoft.Extensions.Options;
using Takedown.Server.Hosting;
using Takedown.Server.Workflow;

namespace Takedown.Server.Jobs;

/// <summary>Runs the PRV-1 retention purge every <see cref="ComplianceOptions.RetentionPeriod"/>.</summary>
internal sealed class RetentionJob(RetentionService retention, IOptions<TakedownOptions> options, TimeProvider time, ILogger<RetentionJob> logger)
    : PeriodicJob(time, logger)
{
    protected override TimeSpan Period => options.Value.Compliance.RetentionPeriod;

    protected override string Name => "retention";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => retention.RunOnceAsync(cancellationToken);
}
