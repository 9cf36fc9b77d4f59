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
}
