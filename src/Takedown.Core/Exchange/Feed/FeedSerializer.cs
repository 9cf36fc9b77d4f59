using System.Text.Json;

namespace Takedown.Core.Exchange.Feed;

/// <summary>Serialises feed pages to the signed wire bytes and reads them back with strict checks.</summary>
public static class FeedSerializer
{
    /// <summary>The UTF-8 JSON body of a page.</summary>
    public static byte[] Serialize(FeedPage page) => JsonSerializer.SerializeToUtf8Bytes(page, FeedJsonContext.Default.FeedPage);

    /// <summary>
    /// Reads a page body and checks it against what was asked: the format, the feed id, the cursor echo (a replayed
    /// page for another cursor is rejected), entry sequences strictly increasing inside (after, next], valid hashes.
    /// </summary>
    public static IReadOnlyList<ExchangeRecord> Read(ReadOnlySpan<byte> body, string expectedFeed, long requestedAfter, out FeedPage page)
    {
        FeedPage? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(body, FeedJsonContext.Default.FeedPage);
        }
        catch (JsonException e)
        {
            throw new ExchangeFormatException($"the feed page is not valid JSON: {e.Message}", e);
        }

        if (parsed is null || parsed.Entries is null)
        {
            throw new ExchangeFormatException("the feed page has no entries array");
        }

        if (parsed.Format != FeedPage.CurrentFormat)
        {
            throw new ExchangeFormatException($"unknown feed format '{parsed.Format}'; expected {FeedPage.CurrentFormat}");
        }

        if (!string.Equals(parsed.Feed, expectedFeed, StringComparison.Ordinal))
        {
            throw new ExchangeFormatException($"the page belongs to feed '{parsed.Feed}', not the subscribed feed '{expectedFeed}'");
        }

        if (parsed.After != requestedAfter)
        {
            throw new ExchangeFormatException($"replayed or misdirected page: it starts after {parsed.After}, but {requestedAfter} was asked for");
        }

        if (parsed.Next < parsed.After)
        {
            throw new ExchangeFormatException($"the page rewinds the cursor ({parsed.After} to {parsed.Next})");
        }

        var records = new List<ExchangeRecord>(parsed.Entries.Count);
        long previous = parsed.After;
        foreach (FeedEntry entry in parsed.Entries)
        {
            if (entry.Sequence <= previous || entry.Sequence > parsed.Next)
            {
                throw new ExchangeFormatException($"entry sequence {entry.Sequence} is out of order or outside ({parsed.After}, {parsed.Next}]");
            }

            previous = entry.Sequence;
            if (string.IsNullOrEmpty(entry.Id))
            {
                throw new ExchangeFormatException($"entry {entry.Sequence} has no id");
            }

            if (!SignalTypes.TryParse(entry.Type, out Media.HashKind kind))
            {
                throw new ExchangeFormatException($"entry {entry.Sequence} has unknown type '{entry.Type}'");
            }

            if (!SignalTypes.TryNormalize(kind, entry.Value, out string? value, out string? error))
            {
                throw new ExchangeFormatException($"entry {entry.Sequence}: {error}");
            }

            records.Add(new ExchangeRecord(entry.Id, kind, value, entry.Label, entry.Deleted));
        }

        page = parsed;
        return records;
    }
}
