namespace Takedown.Matching;

/// <summary>Options for a <see cref="HammingIndex"/>.</summary>
public sealed class HammingIndexOptions
{
    /// <summary>The search strategy.</summary>
    /// <value>The default value is <see cref="HammingIndexStrategy.Auto"/>.</value>
    public HammingIndexStrategy Strategy { get; set; } = HammingIndexStrategy.Auto;

    /// <summary>With <see cref="HammingIndexStrategy.Auto"/>, the entry count from which multi-index hashing is used.</summary>
    /// <value>The default value is 100,000 (below that a flat scan takes well under 0.1 ms).</value>
    public int MultiIndexThreshold { get; set; } = 100_000;

    /// <summary>
    /// Whether one search may borrow a second core (a thread-pool helper) for a large scan or candidate set. Good for
    /// latency when searches come one at a time (the CLI, copy sweeps); a server answering many searches at once
    /// gets more throughput with each search on its own thread, so the service turns it off.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ParallelSearch { get; set; } = true;
}
