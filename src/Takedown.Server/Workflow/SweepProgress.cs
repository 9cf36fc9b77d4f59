namespace Takedown.Server.Workflow;

/// <summary>Where a run of <see cref="CopySweeper.RunPendingAsync(IProgress{SweepProgress}, CancellationToken)"/> stands.</summary>
/// <param name="ContentListed">Platform content items listed so far (each new one hashed once).</param>
/// <param name="SweepsDone">Sweeps finished so far.</param>
/// <param name="SweepsTotal">Sweeps in this run (0 while the platform is still being listed).</param>
/// <param name="CaseNumber">The case of the sweep that just finished, or null while listing.</param>
/// <param name="ExactRemoved">Exact copies that sweep removed.</param>
/// <param name="NearQueued">Near copies that sweep queued for review.</param>
public sealed record SweepProgress(int ContentListed, int SweepsDone, int SweepsTotal, string? CaseNumber, int ExactRemoved, int NearQueued);
