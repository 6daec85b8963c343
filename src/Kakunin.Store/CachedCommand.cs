using System.Data;
using System.Data.Common;

namespace Kakunin.Store;

/// <summary>
/// A writer command kept prepared between uses: disposing it (as every caller does) only returns it to the
/// cache and drops its parameter values; <see cref="Release"/> really disposes it. It wraps the provider's own
/// command (SQLite's or Npgsql's) and passes every call through, because a provider's command class cannot be
/// derived from in general (NpgsqlCommand's constructors and members are not meant for it).
/// </summary>
internal sealed class CachedCommand(DbCommand inner) : DbCommand
{
    private bool _released;

    public bool InUse { get; private set; }

    public void Rent(DbTransaction transaction, (string Name, object? Value)[] parameters)
    {
        InUse = true;
        inner.Transaction = transaction;
        Sql.AddParameters(inner, parameters);
    }

    public void Release()
    {
        _released = true;
        Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_released)
        {
            InUse = false;
            inner.Parameters.Clear(); // do not keep message bytes alive between uses
            inner.Transaction = null;
            return;
        }

        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

#pragma warning disable CA2100 // Constant SQL from the repositories; values go through parameters.
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }
#pragma warning restore CA2100

    public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }

    public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }

    public override bool DesignTimeVisible { get => inner.DesignTimeVisible; set => inner.DesignTimeVisible = value; }

    public override UpdateRowSource UpdatedRowSource { get => inner.UpdatedRowSource; set => inner.UpdatedRowSource = value; }

    protected override DbConnection? DbConnection { get => inner.Connection; set => inner.Connection = value; }

    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbTransaction? DbTransaction { get => inner.Transaction; set => inner.Transaction = value; }

    public override void Cancel() => inner.Cancel();

    public override int ExecuteNonQuery() => inner.ExecuteNonQuery();

    public override object? ExecuteScalar() => inner.ExecuteScalar();

    public override void Prepare() => inner.Prepare();

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => inner.ExecuteNonQueryAsync(cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => inner.ExecuteScalarAsync(cancellationToken);

    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => inner.ExecuteReader(behavior);

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        inner.ExecuteReaderAsync(behavior, cancellationToken);
}
