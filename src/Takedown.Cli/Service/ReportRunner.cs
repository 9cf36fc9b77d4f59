using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Takedown.Server.Hosting;
using Takedown.Server.Web;

namespace Takedown.Cli.Service;

/// <summary>
/// Runs <c>takedown report</c>: the figures come from the service's own <see cref="ReportBuilder"/> (the admin
/// reports page's), printed as a table, CSV (<c>metric,value</c>) or JSON.
/// </summary>
internal sealed class ReportRunner(ServiceConnection connection, TextWriter output, TextWriter error)
{
    /// <summary>Builds and prints the report; 0 on success, 2 for a bad range.</summary>
    public async Task<int> RunAsync(DateOnly? from, DateOnly? to, string format, CancellationToken cancellationToken)
    {
        TakedownServerSettings settings = connection.CreateSettings(configure: o => o.RunJobs = false, logging: l => l.ClearProviders());
        await using TakedownServices services = await TakedownServices.OpenAsync(settings, cancellationToken);
        TimeProvider time = services.Services.GetRequiredService<TimeProvider>();
        DateOnly last = to ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        DateOnly first = from ?? last.AddDays(-29);
        if (last < first || last.DayNumber - first.DayNumber >= ReportBuilder.MaxDays)
        {
            await error.WriteLineAsync($"report: --from must be on or before --to, and a report covers at most {ReportBuilder.MaxDays} days.");
            return 2;
        }

        ReportData data = await services.Services.GetRequiredService<ReportBuilder>().BuildAsync(first, last, cancellationToken);
        IReadOnlyList<ReportFigure> figures = ReportFigure.Of(data);
        string text = format switch
        {
            "csv" => Csv(figures),
            "json" => Json(data, figures),
            _ => Table(data, figures),
        };
        await output.WriteAsync(text);
        await output.FlushAsync(cancellationToken);
        return 0;
    }

    private static string Csv(IReadOnlyList<ReportFigure> figures)
    {
        var csv = new StringBuilder("metric,value\r\n");
        foreach (ReportFigure figure in figures)
        {
            csv.Append(figure.Key).Append(',').Append(figure.Invariant()).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Json(ReportData data, IReadOnlyList<ReportFigure> figures)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("from", data.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("to", data.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (ReportFigure figure in figures)
            {
                if (figure.Value is { } value)
                {
                    json.WriteNumber(figure.JsonName, Math.Round(value, 4));
                }
                else
                {
                    json.WriteNull(figure.JsonName);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static string Table(ReportData data, IReadOnlyList<ReportFigure> figures)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 100;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Takedown transparency report, {data.From:yyyy-MM-dd} to {data.To:yyyy-MM-dd} (UTC)"));
        var table = new Table()
            .AddColumn("Figure")
            .AddColumn(new TableColumn("Value").RightAligned());
        foreach (ReportFigure figure in figures)
        {
            table.AddRow(Markup.Escape(figure.Label), Markup.Escape(figure.Display()));
        }

        console.Write(table);
        return writer.ToString();
    }
}
