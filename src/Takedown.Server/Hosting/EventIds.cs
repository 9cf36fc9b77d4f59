namespace Takedown.Server.Hosting;

/// <summary>All log event ids of the service, in one place.</summary>
internal static class EventIds
{
    public const int CaseCreated = 1000;
    public const int DecisionRecorded = 1001;
    public const int ConnectorFailed = 1100;
    public const int OutboxDelivered = 1101;
    public const int OutboxFailed = 1102;
    public const int DeadlineWarning = 1200;
    public const int DeadlineBreached = 1201;
    public const int SweepFinished = 1300;
    public const int IndexSynced = 1400;
    public const int JobFailed = 1500;
    public const int UnhandledError = 1900;
}
