namespace Takedown.Server.Hma;

/// <summary>HMA's error shape: <c>{"message": "..."}</c> with the HTTP status.</summary>
internal static class HmaResults
{
    public static IResult Error(int status, string message) => Results.Json(new Dictionary<string, string> { ["message"] = message }, statusCode: status);

    public static IResult BankNotFound(string name) => Error(StatusCodes.Status404NotFound, $"bank '{name}' not found");

    public static IResult InvalidSignal(string detail) => Error(StatusCodes.Status400BadRequest, "invalid signal: " + detail);

    public static Dictionary<string, object?> Bank(Takedown.Data.Records.HashBankRecord bank) => new()
    {
        ["name"] = bank.Name,
        ["matching_enabled_ratio"] = bank.EnabledRatio,
    };
}
