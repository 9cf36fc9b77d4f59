using Takedown.Data.Tests.Fixtures;

namespace Takedown.Data.Tests;

/// <summary>
/// The same contract on PostgreSQL (env <c>TAKEDOWN_TEST_POSTGRES</c>). Each test gets its own schema. With
/// <c>CI=true</c> a missing connection string fails the tests; elsewhere they are skipped with the reason.
/// </summary>
public sealed class PostgresTakedownStoreTests() : TakedownStoreTests(new PostgresTestDatabase());
