using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests.Security;

/// <summary>The encryption contract on PostgreSQL (env <c>TAKEDOWN_TEST_POSTGRES</c>), in a schema of its own.</summary>
public sealed class PostgresEncryptedCaseStorageTests() : EncryptedCaseStorageTests(new PostgresTestDatabase())
{
    protected override string BytesLiteral => "'\\x00'::bytea";
}
