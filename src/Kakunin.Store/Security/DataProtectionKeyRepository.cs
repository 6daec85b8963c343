namespace Kakunin.Store.Security;

/// <summary>The rows of data_protection_keys (<see cref="DataProtectionKeySchema"/>): read all, add one.</summary>
public sealed class DataProtectionKeyRepository(KakuninStore store)
{
    /// <summary>Every key element's XML text, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var elements = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    }

    /// <summary>Adds a key element under <paramref name="name"/>; one already there under that name is kept (an import run twice adds nothing).</summary>
    public Task AddAsync(string name, string xml, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(xml);
        return store.Writer.WriteAsync(
            tx => tx.Execute(
                "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@n, @x, @t) ON CONFLICT (name) DO NOTHING",
                ("@n", name), ("@x", xml), ("@t", Sql.ToUnixMs(createdAt))),
            cancellationToken);
    }
}
