using Takedown.Server.Hosting;

namespace Takedown.Server.Jobs;

/// <summary>
/// A background job that runs its work every period on the service's <see cref="TimeProvider"/>. Failures are logged
/// and the loop goes on; all job state lives in the database, so a restart simply resumes.
/// </summary>
internal abstract class PeriodicJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Period { get; }

    protected abstract string Name { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.JobFailed(logger, e, Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    protected virtual async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
