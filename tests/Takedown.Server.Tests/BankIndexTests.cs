using Takedown.Core.Media;
using Takedown.Core.Requests;
using Takedown.Core.Security;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Data.Sql;
using Takedown.Hashing.Pdq;
using Takedown.Server.Matching;

namespace Takedown.Server.Tests;

public sealed class BankIndexTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_t0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "takedown-index-tests", Guid.NewGuid().ToString("N"));
    private SqliteTakedownStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteTakedownStore(Path.Combine(_directory, "t.db"));
        await _store.MigrateAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static PdqHash Random(Random random)
    {
        Span<ulong> words = stackalloc ulong[4];
        for (int i = 0; i < 4; i++)
        {
            words[i] = (ulong)random.NextInt64();
        }

        return PdqHash.FromWords(words);
    }

    [Fact]
    public async Task SyncAsync_AddsAndReleases_AreAppliedIncrementallyInOrder()
    {
        // Given a case with 300 banked PDQ hashes and one SHA-256.
        var random = new Random(5);
        PdqHash[] hashes = Enumerable.Range(0, 300).Select(_ => Random(random)).ToArray();
        CaseRecord c;
        await using (ITakedownSession s = await _store.BeginAsync(write: true, Ct))
        {
            c = await s.InsertCaseAsync(new NewCase(CaseNumber.Create(), Takedown.Core.Cases.CaseStatus.Removed, "US", s_t0, s_t0, s_t0, SecretToken.Hash("t"), new RemovalRequest(), "[]"), Ct);
            foreach (PdqHash h in hashes)
            {
                await s.InsertBankEntryAsync(c.Id, c.CaseNumber, 1, HashKind.Pdq, h.ToString(), 100, s_t0, Ct);
            }

            await s.InsertBankEntryAsync(c.Id, c.CaseNumber, 2, HashKind.Sha256, new string('c', 64), 0, s_t0, Ct);
            await s.CommitAsync(Ct);
        }

        using var index = new BankIndex();

        // When it syncs, then every hash matches.
        (await index.SyncAsync(_store, Ct)).ShouldBe(301);
        index.Count.ShouldBe(301);
        var matches = new List<BankMatch>();
        index.Match([hashes[123]], null, null, 31, matches);
        matches.ShouldHaveSingleItem().CaseNumber.ShouldBe(c.CaseNumber);
        matches.Clear();
        index.Match([], new string('C', 64), null, 31, matches);
        matches.ShouldHaveSingleItem().Kind.ShouldBe(HashKind.Sha256);
        (await index.SyncAsync(_store, Ct)).ShouldBe(0);

        // When one item's hashes are released, only those changes are read and applied.
        await using (ITakedownSession s = await _store.BeginAsync(write: true, Ct))
        {
            await s.ReleaseBankEntriesAsync(c.Id, c.CaseNumber, 1, s_t0, Ct);
            await s.CommitAsync(Ct);
        }

        (await index.SyncAsync(_store, Ct)).ShouldBe(300);
        index.Count.ShouldBe(1);
        matches.Clear();
        index.Match([hashes[123]], new string('c', 64), null, 31, matches);
        matches.ShouldHaveSingleItem().Kind.ShouldBe(HashKind.Sha256);
    }

    [Fact]
    public async Task SyncAsync_AddAndReleaseInOneRun_LeavesNothing()
    {
        PdqHash hash = Random(new Random(9));
        await using (ITakedownSession s = await _store.BeginAsync(write: true, Ct))
        {
            CaseRecord c = await s.InsertCaseAsync(new NewCase(CaseNumber.Create(), Takedown.Core.Cases.CaseStatus.Removed, "US", s_t0, s_t0, s_t0, SecretToken.Hash("t"), new RemovalRequest(), "[]"), Ct);
            await s.InsertBankEntryAsync(c.Id, c.CaseNumber, null, HashKind.Pdq, hash.ToString(), 100, s_t0, Ct);
            await s.ReleaseBankEntriesAsync(c.Id, c.CaseNumber, null, s_t0, Ct);
            await s.CommitAsync(Ct);
        }

        using var index = new BankIndex();
        (await index.SyncAsync(_store, Ct)).ShouldBe(2);

        var matches = new List<BankMatch>();
        index.Match([hash], null, null, 31, matches);
        matches.ShouldBeEmpty();
        index.Count.ShouldBe(0);
    }

    [Fact]
    public async Task Match_WhileApplierWaitsForAReader_AnswersAtOnceFromTheNewCopy()
    {
        // Given an index over one banked hash, and a query still inside the active copy.
        var random = new Random(9);
        PdqHash first = Random(random), second = Random(random), third = Random(random);
        CaseRecord c;
        await using (ITakedownSession s = await _store.BeginAsync(write: true, Ct))
        {
            c = await s.InsertCaseAsync(new NewCase(CaseNumber.Create(), Takedown.Core.Cases.CaseStatus.Removed, "US", s_t0, s_t0, s_t0, SecretToken.Hash("t"), new RemovalRequest(), "[]"), Ct);
            await s.InsertBankEntryAsync(c.Id, c.CaseNumber, 1, HashKind.Pdq, first.ToString(), 100, s_t0, Ct);
            await s.CommitAsync(Ct);
        }

        using var index = new BankIndex(new Takedown.Matching.HammingIndexOptions { Strategy = Takedown.Matching.HammingIndexStrategy.MultiIndex });
        (await index.SyncAsync(_store, Ct)).ShouldBe(1);
        BankIndexSide held = index.EnterReader();

        // When a new hash is banked and the applier runs, then it publishes the new copy and waits for the reader,
        // while new queries are answered at once and already see the new hash.
        await using (ITakedownSession s = await _store.BeginAsync(write: true, Ct))
        {
            await s.InsertBankEntryAsync(c.Id, c.CaseNumber, 2, HashKind.Pdq, second.ToString(), 100, s_t0, Ct);
            await s.CommitAsync(Ct);
        }

        Task<int> sync = Task.Run(() => index.SyncAsync(_store, Ct), Ct);
        var matches = new List<BankMatch>();
        while (matches.Count == 0)
        {
            sync.IsCompleted.ShouldBeFalse();
            await Task.Delay(5, Ct);
            index.Match([second], null, null, 0, matches);
        }

        await Task.Delay(50, Ct);
        sync.IsCompleted.ShouldBeFalse();
        held.Exit();
        (await sync).ShouldBe(1);

        // And the old copy got the same batch: after the next batch swaps copies again, both hashes still match.
        await using (ITakedownSession s = await _store.BeginAsync(write: true, Ct))
        {
            await s.InsertBankEntryAsync(c.Id, c.CaseNumber, 3, HashKind.Pdq, third.ToString(), 100, s_t0, Ct);
            await s.CommitAsync(Ct);
        }

        (await index.SyncAsync(_store, Ct)).ShouldBe(1);
        foreach (PdqHash hash in new[] { first, second, third })
        {
            matches.Clear();
            index.Match([hash], null, null, 0, matches);
            matches.ShouldHaveSingleItem().CaseNumber.ShouldBe(c.CaseNumber);
        }

        index.Count.ShouldBe(3);
    }
}
