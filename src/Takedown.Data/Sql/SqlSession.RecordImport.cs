using System.Globalization;
using System.Text;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Data.Records;

namespace Takedown.Data.Sql;

/// <summary>
/// The bulk path of <see cref="ApplyRecordsAsync"/>: in a feed whose record keys are the hashes themselves
/// (StopNCII: <c>pdq:&lt;hash&gt;</c>), a page of new hashes goes in as one set-based import (<see cref="ImportAsync"/>: key
/// signals, migration 0011, and one range change row) instead of three statements per record, which on PostgreSQL
/// took about 1.4 ms a record (a million-hash first sync: over 20 minutes).
/// </summary>
internal sealed partial class SqlSession
{
    /// <summary>Pages with fewer records than this take the one-by-one path only.</summary>
    internal const int BulkRecordsFrom = 16;

    /// <summary>Keys per existence query (bound parameters, far below both databases' limits).</summary>
    private const int KeysPerQuery = 500;

    /// <summary>
    /// Imports the records of <paramref name="records"/> that add a hash under its own canonical key
    /// (<c>&lt;kind&gt;:&lt;hash&gt;</c>, an MD5/PDQ/SHA-256 value), whose key the bank does not hold yet and which is the only
    /// record of its key in the page. Returns the records left for the one-by-one path, in their order, and the number imported.
    /// </summary>
    private async Task<(IReadOnlyList<ExchangeRecord> Remaining, int Imported)> ImportNewKeyRecordsAsync(
        HashBankRecord bank, IReadOnlyList<ExchangeRecord> records, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (records.Count < BulkRecordsFrom)
        {
            return (records, 0);
        }

        var perKey = new Dictionary<string, int>(records.Count, StringComparer.Ordinal);
        foreach (ExchangeRecord record in records)
        {
            perKey[record.Key] = perKey.GetValueOrDefault(record.Key) + 1;
        }

        // Candidates: additions whose key is the canonical key of their own raw-hash signal, once in the page.
        var candidates = new List<(int Index, HashListEntry Entry, byte[] Key)>();
        for (int i = 0; i < records.Count; i++)
        {
            ExchangeRecord record = records[i];
            if (record.Deleted || perKey[record.Key] != 1 || !SignalTypes.TryNormalize(record.Kind, record.Value, out string? value, out _) ||
                SignalCodec.HashOf(record.Kind, value) is not { } hash)
            {
                continue;
            }

            var entry = new HashListEntry(record.Kind, value, record.Label, null);
            if (string.Equals(entry.Key, record.Key, StringComparison.Ordinal))
            {
                candidates.Add((i, entry, SignalCodec.HashKey(record.Kind, hash)));
            }
        }

        if (candidates.Count == 0)
        {
            return (records, 0);
        }

        HashSet<string> existing = await ExistingKeysAsync(bank.Id, candidates.Select(c => c.Key), cancellationToken);
        var imported = new bool[records.Count];
        var entries = new List<HashListEntry>(candidates.Count);
        foreach ((int index, HashListEntry entry, byte[] key) in candidates)
        {
            if (!existing.Contains(Convert.ToHexString(key)))
            {
                imported[index] = true;
                entries.Add(entry);
            }
        }

        if (entries.Count == 0)
        {
            return (records, 0);
        }

        (int added, _) = await ImportAsync(bank, entries, at, cancellationToken);
        if (added != entries.Count)
        {
            throw new InvalidOperationException($"Bulk import of {entries.Count} new feed records added {added}.");
        }

        return ([.. records.Where((_, i) => !imported[i])], added);
    }

    /// <summary>The stored keys among <paramref name="keys"/> that bank <paramref name="bankId"/> holds (hexadecimal).</summary>
    private async Task<HashSet<string>> ExistingKeysAsync(long bankId, IEnumerable<byte[]> keys, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (byte[][] chunk in keys.Chunk(KeysPerQuery))
        {
            var sql = new StringBuilder("SELECT key_bytes FROM bank_content WHERE bank_id = @bank AND key_bytes IN (", 32 + (chunk.Length * 7));
            var args = new Arg[chunk.Length + 1];
            args[0] = Arg.Of("bank", bankId);
            for (int i = 0; i < chunk.Length; i++)
            {
                string name = "k" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(i == 0 ? "@" : ",@").Append(name);
                args[i + 1] = Arg.Of(name, chunk[i]);
            }

            foreach (byte[] key in await QueryAsync(sql.Append(')').ToString(), r => Bytes(r, 0), cancellationToken, args))
            {
                found.Add(Convert.ToHexString(key));
            }
        }

        return found;
    }
}
