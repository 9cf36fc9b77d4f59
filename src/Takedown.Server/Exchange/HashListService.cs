using Takedown.Core.Exchange.Files;
using Takedown.Data;
using Takedown.Data.Records;

namespace Takedown.Server.Exchange;

/// <summary>
/// File import and export of named banks (<c>takedown bank import|export</c>): the whole file is validated while it
/// is applied in one transaction, so a malformed line leaves the bank as it was.
/// </summary>
public sealed class HashListService(ITakedownStore store, TimeProvider time)
{
    /// <summary>Imports a hash list into bank <paramref name="bankName"/> (created if missing).</summary>
    /// <returns>Hashes added and labels updated.</returns>
    public async Task<(int Added, int Updated)> ImportAsync(string bankName, TextReader reader, HashListFormat format, string actor, CancellationToken cancellationToken)
    {
        ExchangeService.ValidateName(bankName);
        DateTimeOffset now = time.GetUtcNow();
        await using ITakedownSession session = await store.BeginAsync(write: true, cancellationToken);
        IExchangeSession ex = session.Exchange();
        HashBankRecord bank = await ex.GetBankAsync(bankName, cancellationToken) ?? await ex.CreateBankAsync(bankName, 1.0, now, cancellationToken);
        (int added, int updated) = await ex.ImportAsync(bank, HashListReader.Read(reader, format), now, cancellationToken);
        await session.AppendAuditAsync(actor, "bank.imported", null, ExchangeService.Json(new { bank = bankName, added, updated, format = format.ToString() }), now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return (added, updated);
    }

    /// <summary>Exports bank <paramref name="bankName"/>; returns the number of hashes written.</summary>
    public async Task<int> ExportAsync(string bankName, TextWriter writer, HashListFormat format, CancellationToken cancellationToken)
    {
        if (format == HashListFormat.Auto)
        {
            format = HashListFormat.Csv;
        }

        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        IExchangeSession ex = session.Exchange();
        HashBankRecord bank = await ex.GetBankAsync(bankName, cancellationToken) ?? throw new Takedown.Core.NotFoundException($"No bank named {bankName}.");
        HashListWriter.WriteHeader(writer, format);
        int written = 0;
        long after = 0;
        while (true)
        {
            IReadOnlyList<(BankSignal Signal, string? Label)> page = await ex.ListBankSignalsAsync(bank.Id, after, 10_000, cancellationToken);
            if (page.Count == 0)
            {
                return written;
            }

            foreach ((BankSignal signal, string? label) in page)
            {
                if (HashListWriter.Write(writer, format, new HashListEntry(signal.Kind, signal.Value, label, null)))
                {
                    written++;
                }
            }

            after = page[^1].Signal.Id;
        }
    }
}
