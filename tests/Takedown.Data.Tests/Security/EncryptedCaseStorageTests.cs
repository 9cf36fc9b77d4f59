using Takedown.Core;
using Takedown.Core.Cases;
using Takedown.Core.Requests;
using Takedown.Core.Security;
using Takedown.Data.Protection;
using Takedown.Data.Records;
using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests.Security;

/// <summary>Requesters' personal data is encrypted at rest, on every database (sealed subclasses below).</summary>
public abstract class EncryptedCaseStorageTests : StoreTestBase
{
    private const string Email = "encrypted.marker.4471@example.org";
    private const string Name = "Quilla Encryptiontest";
    private const string Description = "Description-marker-9902 of the picture";
    private const string Other = "+44 7700 900555, 1 Marker Road";
    private const string Statement = "Statement-marker-3318";

    private static readonly DateTimeOffset s_t0 = new(2026, 5, 19, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the encryption contract on <paramref name="database"/>.</summary>
    protected EncryptedCaseStorageTests(TestDatabase database)
        : base(database)
    {
    }

    /// <summary>Each test opens its stores with the data keys it needs.</summary>
    protected override StoreOnStart StoreOnStart => StoreOnStart.None;

    /// <summary>A SQL literal for a one-byte binary value.</summary>
    protected abstract string BytesLiteral { get; }

    /// <summary>A store over the test's database, encrypting with <paramref name="keys"/>, migrated.</summary>
    protected async Task<ITakedownStore> OpenAsync(DataKeyRing keys)
    {
        ITakedownStore store = Track(Database.CreateStore(keys));
        await store.MigrateAsync(Ct);
        return store;
    }

    protected static async Task<CaseRecord> InsertAsync(ITakedownStore store, string caseNumber)
    {
        await using ITakedownSession session = await store.BeginAsync(write: true, Ct);
        CaseRecord record = await session.InsertCaseAsync(new NewCase(
            caseNumber, CaseStatus.Open, "US", s_t0, s_t0.AddHours(48), s_t0, SecretToken.Hash("token"),
            new RemovalRequest
            {
                SignatureName = Name,
                SignatureAttested = true,
                Locations = ["img-1"],
                Description = Description,
                GoodFaithStatement = Statement,
                GoodFaithAttested = true,
                ContactEmail = Email,
                ContactOther = Other,
                RequesterRole = "self",
            },
            "[]"), Ct);
        await session.CommitAsync(Ct);
        return record;
    }

    protected static async Task<CaseRecord?> ReadAsync(ITakedownStore store, string caseNumber)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, Ct);
        return await session.GetCaseAsync(caseNumber, Ct);
    }

    private async Task<string?> RawFieldAsync(string column, string caseNumber) =>
        await Database.ScalarAsync($"SELECT {column} FROM cases WHERE case_number = '{caseNumber}'", Ct) as string;

    [Fact]
    public async Task InsertCase_RawRow_HoldsOnlyCiphertext_AndTheStoreReadsPlainText()
    {
        ITakedownStore store = await OpenAsync(DataKeyRing.Generate());

        CaseRecord inserted = await InsertAsync(store, "TD-ENC-1");

        foreach ((string column, string plain) in new[]
        {
            ("contact_email", Email), ("signature_name", Name), ("description", Description), ("contact_other", Other), ("good_faith_statement", Statement),
        })
        {
            string raw = (await RawFieldAsync(column, "TD-ENC-1"))!;
            raw.ShouldStartWith(FieldCipher.Prefix);
            raw.ShouldNotContain(plain);
            raw.ShouldNotContain("marker", Case.Insensitive);
        }

        inserted.ContactEmail.ShouldBe(Email);
        CaseRecord read = (await ReadAsync(store, "TD-ENC-1"))!;
        (read.ContactEmail, read.SignatureName, read.Description, read.ContactOther, read.GoodFaithStatement)
            .ShouldBe((Email, Name, Description, Other, Statement));
    }

    [Fact]
    public async Task UpdateCaseRequest_StoresCiphertext()
    {
        ITakedownStore store = await OpenAsync(DataKeyRing.Generate());
        CaseRecord record = await InsertAsync(store, "TD-ENC-2");

        await using (ITakedownSession session = await store.BeginAsync(write: true, Ct))
        {
            await session.UpdateCaseRequestAsync(record.Id, new RemovalRequest { ContactEmail = "updated.marker@example.org", Locations = ["img-1"] }, "[]", s_t0, Ct);
            await session.CommitAsync(Ct);
        }

        (await RawFieldAsync("contact_email", "TD-ENC-2"))!.ShouldNotContain("updated.marker");
        (await ReadAsync(store, "TD-ENC-2"))!.ContactEmail.ShouldBe("updated.marker@example.org");
    }

    [Fact]
    public async Task GetCase_WithAnotherKey_ThrowsClearErrorNotGarbage()
    {
        DataKeyRing right = DataKeyRing.Generate();
        ITakedownStore writer = await OpenAsync(right);
        await InsertAsync(writer, "TD-ENC-3");
        await CloseAsync(writer);

        // Opening with a wrong key already fails at start-up (the re-encryption step reads every row)...
        ITakedownStore wrong = Track(Database.CreateStore(DataKeyRing.Generate()));
        DataKeyException atStart = await Should.ThrowAsync<DataKeyException>(() => wrong.MigrateAsync(Ct));
        atStart.Message.ShouldContain(right.CurrentId);

        // ...and so does reading a case.
        DataKeyException atRead = await Should.ThrowAsync<DataKeyException>(() => ReadAsync(wrong, "TD-ENC-3"));
        atRead.Message.ShouldContain("not configured");
    }

    [Fact]
    public async Task MigrateAsync_PlainRowFromBefore_IsEncryptedAndStillReads()
    {
        DataKeyRing keys = DataKeyRing.Generate();
        ITakedownStore store = await OpenAsync(keys);
        await ExecuteSqlAsync(
            $"""
            INSERT INTO cases (case_number, status, jurisdiction, received_at, due_at, token_hash, signature_name, signature_attested,
                good_faith_statement, good_faith_attested, description, contact_email, contact_other, missing, warning_level)
            VALUES ('TD-LEGACY', 'open', 'US', 0, 1000, {BytesLiteral}, '{Name}', 1, '{Statement}', 1, NULL, '{Email}', NULL, '[]', 0)
            """);

        // Before the start-up step the plain row still reads (tolerant reader)...
        (await ReadAsync(store, "TD-LEGACY"))!.ContactEmail.ShouldBe(Email);

        // ...and after it the row is encrypted and reads the same.
        await store.MigrateAsync(Ct);

        (await RawFieldAsync("contact_email", "TD-LEGACY"))!.ShouldStartWith(FieldCipher.Prefix + keys.CurrentId);
        (await RawFieldAsync("signature_name", "TD-LEGACY"))!.ShouldNotContain("Quilla");
        (await RawFieldAsync("description", "TD-LEGACY")).ShouldBeNull();
        CaseRecord read = (await ReadAsync(store, "TD-LEGACY"))!;
        (read.ContactEmail, read.SignatureName, read.GoodFaithStatement, read.Description).ShouldBe((Email, Name, Statement, (string?)null));
    }

    [Fact]
    public async Task MigrateAsync_AfterKeyRotation_ReencryptsUnderTheNewKey_SoTheOldKeyCanBeDropped()
    {
        DataKeyRing old = DataKeyRing.Generate();
        ITakedownStore first = await OpenAsync(old);
        await InsertAsync(first, "TD-ROT");
        await CloseAsync(first);
        DataKeyRing fresh = DataKeyRing.Generate();

        // Restart with the new key first and the old one after it: the start-up step re-encrypts.
        ITakedownStore rotated = await OpenAsync(DataKeyRing.Parse(fresh.ToText() + old.ToText()));

        (await RawFieldAsync("contact_email", "TD-ROT"))!.ShouldStartWith(FieldCipher.Prefix + fresh.CurrentId);
        (await ReadAsync(rotated, "TD-ROT"))!.ContactEmail.ShouldBe(Email);
        await CloseAsync(rotated);

        ITakedownStore newOnly = await OpenAsync(fresh);
        (await ReadAsync(newOnly, "TD-ROT"))!.Description.ShouldBe(Description);
    }

    [Fact]
    public async Task GetCase_CiphertextCopiedFromAnotherCase_IsRefused()
    {
        ITakedownStore store = await OpenAsync(DataKeyRing.Generate());
        await InsertAsync(store, "TD-SWAP-A");
        await InsertAsync(store, "TD-SWAP-B");

        await ExecuteSqlAsync("UPDATE cases SET contact_email = (SELECT contact_email FROM cases WHERE case_number = 'TD-SWAP-A') WHERE case_number = 'TD-SWAP-B'");

        (await Should.ThrowAsync<DataKeyException>(() => ReadAsync(store, "TD-SWAP-B"))).Message.ShouldContain("failed authentication");
    }
}
