using Takedown.Data.Protection;

namespace Takedown.Data.Sql;

internal sealed partial class SqlSession
{
    // Columns of cases holding the requester's personal data, encrypted at rest (see FieldCipher).
    internal const string SignatureColumn = "signature_name";
    internal const string GoodFaithColumn = "good_faith_statement";
    internal const string DescriptionColumn = "description";
    internal const string EmailColumn = "contact_email";
    internal const string OtherContactColumn = "contact_other";

    /// <summary>The encrypted columns of <c>cases</c>.</summary>
    internal static readonly string[] ProtectedCaseColumns = [SignatureColumn, GoodFaithColumn, DescriptionColumn, EmailColumn, OtherContactColumn];

    /// <summary>Associated data of a case field: column and case number.</summary>
    internal static string CaseFieldContext(string column, string caseNumber) => "cases." + column + ":" + caseNumber;

    internal static DataKeyException NoDataKey() => new(
        "Personal data fields are encrypted at rest and no data key is configured: set Takedown:DataKey or Takedown:DataKeyFile.");

    private string? Seal(string? value, string column, string caseNumber) =>
        value is null ? null : (_cipher ?? throw NoDataKey()).Protect(value, CaseFieldContext(column, caseNumber));

    /// <summary>Outbox topic whose payloads carry the requester's contact details (encrypted like the case fields).</summary>
    internal const string RequesterTopic = "notify.requester";

    private string SealPayload(string topic, string payload, string idempotencyKey) =>
        topic == RequesterTopic ? (_cipher ?? throw NoDataKey()).Protect(payload, "outbox.payload:" + idempotencyKey)! : payload;

    private string OpenPayload(string stored, string idempotencyKey) =>
        FieldCipher.IsEncrypted(stored) ? (_cipher ?? throw NoDataKey()).Unprotect(stored, "outbox.payload:" + idempotencyKey)! : stored;

    private string? Open(string? stored, string column, string caseNumber)
    {
        if (!FieldCipher.IsEncrypted(stored))
        {
            return stored;
        }

        return (_cipher ?? throw NoDataKey()).Unprotect(stored, CaseFieldContext(column, caseNumber));
    }
}
