using System.Data;

namespace Takedown.Data.Sql;

/// <summary>A typed SQL parameter (typed so that nulls bind the same way on SQLite and PostgreSQL).</summary>
internal readonly record struct Arg(string Name, object? Value, DbType Type)
{
    public static Arg Of(string name, long? value) => new(name, value, DbType.Int64);

    public static Arg Of(string name, string? value) => new(name, value, DbType.String);

    public static Arg Of(string name, byte[]? value) => new(name, value, DbType.Binary);

    public static Arg Of(string name, bool value) => new(name, value ? 1L : 0L, DbType.Int64);

    public static Arg Of(string name, DateTimeOffset? value) => new(name, value?.ToUnixTimeMilliseconds(), DbType.Int64);
}
