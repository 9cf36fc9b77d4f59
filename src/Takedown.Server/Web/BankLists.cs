using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Takedown.Core;
using Takedown.Core.Exchange;
using Takedown.Core.Exchange.Files;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Server.Exchange;

namespace Takedown.Server.Web;

/// <summary>
/// Named hash banks (imported lists) from the admin pages. Import and export go through
/// <see cref="HashListService"/> (the same parser and writer as <c>takedown bank import|export</c>); this class only
/// bounds the upload and, before anything is written, runs that parser over the whole file to list every bad line,
/// so an admin fixes a file in one round and nothing is half-imported.
/// </summary>
internal sealed partial class BankLists(ITakedownStore store, HashListService lists)
{
    /// <summary>Largest file accepted from the page (bigger lists: <c>takedown bank import</c>).</summary>
    public const long MaxUploadBytes = 16 * 1024 * 1024;

    /// <summary>Most line errors listed for one file.</summary>
    public const int MaxErrors = 20;

    /// <summary>A named bank and its number of hashes.</summary>
    /// <param name="Name">Bank name.</param>
    /// <param name="Hashes">Hashes in it.</param>
    /// <param name="CreatedAt">When it was created.</param>
    public sealed record NamedBank(string Name, long Hashes, DateTimeOffset CreatedAt);

    /// <summary>What an import did, or why nothing was imported.</summary>
    /// <param name="Errors">Problems (each naming its line when it has one); empty when the file was imported.</param>
    /// <param name="Added">Hashes added.</param>
    /// <param name="Updated">Labels updated.</param>
    public sealed record ImportOutcome(IReadOnlyList<string> Errors, int Added, int Updated);

    /// <summary>Formats an admin can pick, by form value.</summary>
    public static IReadOnlyList<(string Value, string Label)> Formats { get; } =
    [
        ("auto", "Detect from the first line"),
        ("csv", "HMA / ThreatExchange CSV (header row, e.g. signal_type,signal_value,label or hash,label)"),
        ("hash", "takedown hash output (HASH,QUALITY,PATH)"),
        ("bank", "takedown match bank file (HASH[,LABEL])"),
    ];

    /// <summary>The named banks with their sizes, by name.</summary>
    public async Task<IReadOnlyList<NamedBank>> ListAsync(CancellationToken cancellationToken)
    {
        await using ITakedownSession session = await store.BeginAsync(write: false, cancellationToken);
        IExchangeSession ex = session.Exchange();
        var banks = new List<NamedBank>();
        foreach (HashBankRecord bank in (await ex.ListBanksAsync(cancellationToken)).OrderBy(b => b.Name, StringComparer.Ordinal))
        {
            banks.Add(new NamedBank(bank.Name, await ex.CountSignalsAsync(bank.Id, cancellationToken), bank.CreatedAt));
        }

        return banks;
    }

    /// <summary>Validates and imports an uploaded list into <paramref name="bankName"/> (created if missing), all or nothing.</summary>
    public async Task<ImportOutcome> ImportAsync(string actor, string? bankName, string? formatName, IFormFile? file, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        string name = (bankName ?? string.Empty).Trim().ToUpperInvariant();
        if (!BankName().IsMatch(name))
        {
            errors.Add("Give the bank a name of 1 to 100 characters: letters A–Z, digits and _ (for example PARTNER_LIST).");
        }

        if (!HashListWriter.TryParseFormat(formatName, out HashListFormat format) || format == HashListFormat.Pytx)
        {
            errors.Add("Choose one of the listed formats.");
        }

        if (file is null || file.Length == 0)
        {
            errors.Add("Choose a hash list file to upload.");
        }
        else if (file.Length > MaxUploadBytes)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"The file is larger than {MaxUploadBytes / (1024 * 1024)} MB. Import big lists with `takedown bank import`."));
        }

        if (errors.Count > 0)
        {
            return new ImportOutcome(errors, 0, 0);
        }

        string text;
        using (var reader = new StreamReader(file!.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                text = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (DecoderFallbackException)
            {
                return new ImportOutcome(["The file is not UTF-8 text. Upload a plain text or CSV hash list."], 0, 0);
            }
        }

        string[] lines = text.Split('\n');
        if (format == HashListFormat.Auto && lines.Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#')) is { } first)
        {
            format = HashListReader.Detect(first);
        }

        errors.AddRange(FindLineErrors(lines, format));
        if (errors.Count > 0)
        {
            return new ImportOutcome(errors, 0, 0);
        }

        try
        {
            (int added, int updated) = await lists.ImportAsync(name, new StringReader(text), format, actor, cancellationToken);
            return new ImportOutcome([], added, updated);
        }
        catch (Exception e) when (e is ExchangeFormatException or DomainValidationException)
        {
            return new ImportOutcome([e.Message], 0, 0);
        }
    }

    /// <summary>
    /// Runs <see cref="HashListReader"/> over the file, resuming after each malformed line (with the CSV header in
    /// front again), and returns up to <see cref="MaxErrors"/> messages numbered by the file's own lines.
    /// </summary>
    internal static List<string> FindLineErrors(string[] lines, HashListFormat format)
    {
        var errors = new List<string>();
        int headerIndex = -1;
        if (format == HashListFormat.Csv)
        {
            headerIndex = Array.FindIndex(lines, l => l.TrimEnd('\r').Length > 0 && !l.StartsWith('#'));
        }

        int start = headerIndex + 1;
        while (start <= lines.Length && errors.Count < MaxErrors)
        {
            IEnumerable<string> window = headerIndex >= 0 ? lines.Skip(start).Prepend(lines[headerIndex]) : lines.Skip(start);
            try
            {
                foreach (HashListEntry entry in HashListReader.Read(new StringReader(string.Join('\n', window)), format))
                {
                    _ = entry;
                }

                break;
            }
            catch (ExchangeFormatException e)
            {
                Match m = LinePrefix().Match(e.Message);
                if (!m.Success)
                {
                    errors.Add(e.Message);
                    break;
                }

                int relative = int.Parse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
                if (headerIndex >= 0 && relative == 1)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"Line {headerIndex + 1} (the header): {m.Groups[2].Value}"));
                    break;
                }

                // 0-based index of the failing line in the file.
                int index = start + relative - (headerIndex >= 0 ? 2 : 1);
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"Line {index + 1}: {m.Groups[2].Value}"));
                start = index + 1;
            }
        }

        return errors;
    }

    /// <summary>Streams a named bank as a file in <paramref name="formatName"/> (<c>csv</c> or <c>bank</c>).</summary>
    public async Task<bool> ExportAsync(string bankName, string? formatName, TextWriter writer, CancellationToken cancellationToken)
    {
        if (!HashListWriter.TryParseFormat(formatName ?? "csv", out HashListFormat format) || format is not (HashListFormat.Csv or HashListFormat.Bank))
        {
            return false;
        }

        try
        {
            await lists.ExportAsync(bankName, writer, format, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[A-Z0-9_]{1,100}$")]
    private static partial Regex BankName();

    [GeneratedRegex(@"^line (\d+): (.*)$", RegexOptions.Singleline)]
    private static partial Regex LinePrefix();
}
