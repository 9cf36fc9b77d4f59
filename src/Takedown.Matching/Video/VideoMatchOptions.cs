namespace Takedown.Matching.Video;

/// <summary>Thresholds for vPDQ video matching.</summary>
public sealed class VideoMatchOptions
{
    /// <summary>python-threatexchange's defaults.</summary>
    public static VideoMatchOptions Default { get; } = new();

    /// <summary>The matching rules.</summary>
    /// <value>The default value is <see cref="VideoMatchSemantics.ThreatExchange"/>.</value>
    public VideoMatchSemantics Semantics { get; init; } = VideoMatchSemantics.ThreatExchange;

    /// <summary>Frames below this PDQ quality are ignored.</summary>
    /// <value>The default value is 50.</value>
    public int QualityThreshold { get; init; } = 50;

    /// <summary>
    /// The frame distance threshold: frames match at distance ≤ this under <see cref="VideoMatchSemantics.ThreatExchange"/>,
    /// and at distance &lt; this under <see cref="VideoMatchSemantics.Reference"/>.
    /// </summary>
    /// <value>The default value is 31.</value>
    public int DistanceThreshold { get; init; } = 31;

    /// <summary>A video matches when at least this percentage of the query's frames matched.</summary>
    /// <value>The default value is 80 (python-threatexchange <c>VPDQ_QUERY_MATCH_THRESHOLD_PERCENT</c>).</value>
    public double QueryMatchThresholdPercent { get; init; } = 80;

    /// <summary>…and at least this percentage of the compared (indexed) video's frames matched.</summary>
    /// <value>The default value is 0 (python-threatexchange <c>VPDQ_INDEX_MATCH_THRESHOLD_PERCENT</c>).</value>
    public double ComparedMatchThresholdPercent { get; init; }

    /// <summary>The largest distance at which two frames match under these options.</summary>
    public int MaxFrameDistance => Semantics == VideoMatchSemantics.Reference ? DistanceThreshold - 1 : DistanceThreshold;

    /// <summary>Whether two frames at <paramref name="distance"/> match.</summary>
    public bool FramesMatch(int distance) => distance <= MaxFrameDistance;

    /// <summary>Whether a pair of percentages passes both thresholds.</summary>
    public bool IsMatch(double queryMatchPercent, double comparedMatchPercent) =>
        queryMatchPercent >= QueryMatchThresholdPercent && comparedMatchPercent >= ComparedMatchThresholdPercent;

    internal void Validate()
    {
        if (!Enum.IsDefined(Semantics))
        {
            throw new ArgumentOutOfRangeException(nameof(Semantics), Semantics, "Unknown matching semantics.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(QualityThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(QualityThreshold, 101);
        ArgumentOutOfRangeException.ThrowIfNegative(DistanceThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DistanceThreshold, 256);
    }
}
