using Takedown.Matching.Threading;

namespace Takedown.Matching.Tests.Threading;

public sealed class SplitJobTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(997, true)]
    [InlineData(997, false)]
    public void Run_AnyBlockCount_RunsEveryBlockExactlyOnce(int blocks, bool useHelper)
    {
        for (int round = 0; round < 20; round++)
        {
            // Given
            var job = new CountingJob(blocks);

            // When
            job.Run(useHelper);

            // Then
            job.Runs.ShouldAllBe(r => r == 1);
            job.WorkerIds.ShouldBeSubsetOf([0, 1]);
            if (!useHelper)
            {
                job.WorkerIds.ShouldBe([0]);
            }
        }
    }

    [Fact]
    public void Run_SlowBlocks_RunsEveryBlockOnceWhetherOrNotTheHelperJoins()
    {
        // Given: blocks slow enough for a pool thread to join in; on one core the caller does them all.
        var job = new CountingJob(64, spinPerBlock: 200_000);

        // When
        job.Run();

        // Then
        job.Runs.ShouldAllBe(r => r == 1);
        if (Environment.ProcessorCount > 1)
        {
            // Not guaranteed on a loaded machine, so only the union is asserted; the helper's share is reported.
            TestContext.Current.SendDiagnosticMessage($"helper ran blocks: {job.WorkerIds.Contains(1)}");
        }
    }

    [Fact]
    public void Run_BlockThrows_RethrowsOnTheCallingThread()
    {
        // Given
        var job = new ThrowingJob(8);

        // When / Then
        Should.Throw<InvalidOperationException>(() => job.Run()).Message.ShouldBe("block failed");
    }

    private sealed class CountingJob(int blocks, int spinPerBlock = 0) : SplitJob(blocks)
    {
        private readonly HashSet<int> _workers = [];

        public int[] Runs { get; } = new int[blocks];

        public IReadOnlyCollection<int> WorkerIds
        {
            get
            {
                lock (_workers)
                {
                    return [.. _workers.Order()];
                }
            }
        }

        protected override void RunBlock(int block, int worker)
        {
            Thread.SpinWait(spinPerBlock);
            Interlocked.Increment(ref Runs[block]);
            lock (_workers)
            {
                _workers.Add(worker);
            }
        }
    }

    private sealed class ThrowingJob(int blocks) : SplitJob(blocks)
    {
        protected override void RunBlock(int block, int worker) => throw new InvalidOperationException("block failed");
    }
}
