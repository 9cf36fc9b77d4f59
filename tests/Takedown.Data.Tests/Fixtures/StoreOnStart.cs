namespace Takedown.Data.Tests.Fixtures;

/// <summary>What <see cref="StoreTestBase.InitializeAsync"/> opens before each test.</summary>
public enum StoreOnStart
{
    /// <summary>No store: the test opens its own (e.g. with particular data keys).</summary>
    None,

    /// <summary>A store over the empty database, not migrated (the test migrates to the version it needs).</summary>
    Unmigrated,

    /// <summary>A store migrated to the latest version.</summary>
    Migrated,
}
