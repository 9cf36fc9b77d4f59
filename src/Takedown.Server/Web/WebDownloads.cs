using System.Security.Claims;
using System.Text;
using Takedown.Core.Media;
using Takedown.Core.Platform;
using Takedown.Data;
using Takedown.Data.Records;
using Takedown.Hashing.Imaging;
using Takedown.Server.Auth;
using Takedown.Server.Workflow;

namespace Takedown.Server.Web;

/// <summary>The pages' non-HTML responses: evidence previews, report CSV files and bank exports.</summary>
internal static class WebDownloads
{
    /// <summary>Maps the download endpoints, each behind the staff cookie.</summary>
    public static void MapWebDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/moderate/cases/{caseNumber}/items/{itemId:long}/preview", PreviewAsync)
            .RequireAuthorization(WebPolicies.Moderate).ExcludeFromDescription();
        app.MapGet("/admin/reports/{chart}.csv", ReportCsvAsync)
            .RequireAuthorization(WebPolicies.Administer).ExcludeFromDescription();
        app.MapGet("/admin/banks/{kind}.txt", BankExportAsync)
            .RequireAuthorization(WebPolicies.Administer).ExcludeFromDescription();
        app.MapGet("/admin/banks/lists/{name}/export", NamedBankExportAsync)
            .RequireAuthorization(WebPolicies.Administer).ExcludeFromDescription();
    }

    /// <summary>
    /// Streams a reported item's image straight from the platform connector for the moderator's blurred preview. Takedown
    /// keeps no copy of reported media: the bytes are fetched at view time, never written to disk and never cached by
    /// the browser. Only images are previewed.
    /// </summary>
    private static async Task<IResult> PreviewAsync(
        string caseNumber, long itemId, HttpContext context, ITakedownStore store, IPlatformConnector connector, TimeProvider time, CancellationToken cancellationToken)
    {
        ItemRecord? item;
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            CaseRecord? c = await session.GetCaseAsync(caseNumber, cancellationToken);
            item = c is null ? null : await session.GetItemAsync(itemId, cancellationToken);
            if (c is null || item is null || item.CaseId != c.Id || item.ContentId is null)
            {
                return Results.NotFound();
            }

            await session.AppendAuditAsync(CurrentActor.Of(context.User), "item.previewed", c.CaseNumber, AuditDetail.Of(new { itemId }), time.GetUtcNow(), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        byte[]? media = await connector.FetchAsync(item.ContentId, cancellationToken);
        string? type = media is null ? null : ImageDecoder.DetectFormat(media) switch
        {
            ImageFormat.Jpeg => "image/jpeg",
            ImageFormat.Png => "image/png",
            ImageFormat.Gif => "image/gif",
            ImageFormat.WebP => "image/webp",
            ImageFormat.Bmp => "image/bmp",
            _ => null,
        };
        if (type is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store, private";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(media!, type);
    }

    private static async Task<IResult> ReportCsvAsync(string chart, int? days, ReportBuilder reports, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ReportCsv.Charts.Contains(chart))
        {
            return Results.NotFound();
        }

        ReportData data = await reports.BuildAsync(days ?? 30, cancellationToken);
        context.Response.Headers.CacheControl = "no-store, private";
        return Results.File(Encoding.UTF8.GetBytes(ReportCsv.Write(data, chart)!), "text/csv; charset=utf-8",
            $"takedown-{chart}-{data.From:yyyy-MM-dd}-{data.To:yyyy-MM-dd}.csv");
    }

    private static async Task<IResult> BankExportAsync(string kind, BankOverview bank, ITakedownStore store, TimeProvider time, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        HashKind? hashKind = kind switch { "pdq" => HashKind.Pdq, "md5" => HashKind.Md5, "sha256" => HashKind.Sha256, _ => null };
        if (hashKind is null)
        {
            return Results.NotFound();
        }

        BankOverview.Summary summary = await bank.ReadAsync(cancellationToken);
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            await session.AppendAuditAsync(CurrentActor.Of(user), "bank.exported", null, AuditDetail.Of(new { kind, count = summary.CountOf(hashKind.Value) }), time.GetUtcNow(), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        context.Response.Headers.CacheControl = "no-store, private";
        return Results.File(Encoding.UTF8.GetBytes(BankOverview.Export(summary, hashKind.Value)), "text/plain; charset=utf-8", $"takedown-bank-{kind}.txt");
    }

    /// <summary>Streams a named bank (imported list) through <see cref="BankLists.ExportAsync"/>; audited.</summary>
    private static async Task NamedBankExportAsync(string name, string? format, ITakedownStore store, BankLists lists, TimeProvider time, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        string chosen = format is "bank" ? "bank" : "csv";
        await using (ITakedownSession session = await store.BeginAsync(write: true, cancellationToken))
        {
            if (await session.Exchange().GetBankAsync(name, cancellationToken) is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await session.AppendAuditAsync(CurrentActor.Of(user), "bank.exported", null, AuditDetail.Of(new { bank = name, format = chosen }), time.GetUtcNow(), cancellationToken);
            await session.CommitAsync(cancellationToken);
        }

        context.Response.ContentType = chosen == "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store, private";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"takedown-{name}.{(chosen == "csv" ? "csv" : "txt")}\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await lists.ExportAsync(name, chosen, writer, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }
}
