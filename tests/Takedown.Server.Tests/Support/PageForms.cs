using System.Net;
using System.Text.RegularExpressions;

namespace Takedown.Server.Tests.Support;

/// <summary>Posting the server-rendered staff forms the way a browser does: the page's anti-forgery field and <c>_handler</c>.</summary>
internal static partial class PageForms
{
    /// <summary>The anti-forgery token rendered in a page's forms.</summary>
    public static string Token(string html)
    {
        Match match = TokenField().Match(html);
        match.Success.ShouldBeTrue("the page renders no anti-forgery field");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts a named form to <paramref name="path"/>; a null token leaves the anti-forgery field out.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string formName, string? token, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var all = new List<KeyValuePair<string, string>> { new("_handler", formName) };
        if (token is not null)
        {
            all.Add(new("__RequestVerificationToken", token));
        }

        all.AddRange(fields);
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(path, content, cancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
