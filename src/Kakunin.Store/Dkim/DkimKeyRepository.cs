using System.Data.Common;
using Kakunin.Protocol;

namespace Kakunin.Store.Dkim;

/// <summary>
/// The DKIM keys of the local domains (table dkim_keys). A domain has one active key per algorithm; a rotation adds
/// keys as published-next, and <see cref="PromoteDueAsync"/> makes them active once their time has come, retiring
/// the keys they replace (which stay listed, so their DNS records stay published for verification).
/// </summary>
public sealed class DkimKeyRepository
{
    private const string Columns = "domain, selector, algorithm, private_key, created_at, state, activate_at, retired_at";
    private readonly KakuninStore _store;

    internal DkimKeyRepository(KakuninStore store) => _store = store;

    /// <summary>The keys, of one domain when <paramref name="domain"/> is given, oldest first.</summary>
    public async Task<IReadOnlyList<DkimKeyRecord>> ListAsync(string? domain, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = domain is null
            ? Sql.Command(connection, $"SELECT {Columns} FROM dkim_keys ORDER BY domain, created_at, selector")
            : Sql.Command(connection, $"SELECT {Columns} FROM dkim_keys WHERE domain = @d ORDER BY created_at, selector", ("@d", DomainNames.Canonical(domain)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<DkimKeyRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Adds keys (a new domain's first keys, or the next keys of a rotation) in one transaction.</summary>
    public Task AddAsync(IReadOnlyList<DkimKeyRecord> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _store.Writer.WriteAsync(tx =>
        {
            foreach (var k in keys)
            {
                using var command = tx.Command(
                    $"INSERT INTO dkim_keys ({Columns}) VALUES (@d, @s, @a, @k, @c, @st, @at, @r)",
                    ("@d", DomainNames.Canonical(k.Domain)),
                    ("@s", k.Selector),
                    ("@a", k.Algorithm),
                    ("@k", k.PrivateKeyPem),
                    ("@c", Sql.ToUnixMs(k.CreatedAt)),
                    ("@st", k.State.ToText()),
                    ("@at", k.ActivateAt is { } at ? Sql.ToUnixMs(at) : null),
                    ("@r", k.RetiredAt is { } r ? Sql.ToUnixMs(r) : null));
                command.ExecuteNonQuery();
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Makes every published-next key whose activation time is at or before <paramref name="now"/> active, and retires
    /// the active key of the same domain and algorithm it replaces. Returns the number of keys activated.
    /// </summary>
    public Task<int> PromoteDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => _store.Writer.WriteAsync(tx =>
    {
        var due = new List<(string Domain, string Selector, string Algorithm)>();
        using (var select = tx.Command(
            "SELECT domain, selector, algorithm FROM dkim_keys WHERE state = 'published-next' AND activate_at <= @now ORDER BY created_at",
            ("@now", Sql.ToUnixMs(now))))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                due.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        foreach (var (domain, selector, algorithm) in due)
        {
            using (var retire = tx.Command(
                "UPDATE dkim_keys SET state = 'retired', retired_at = @now WHERE domain = @d AND algorithm = @a AND state = 'active'",
                ("@now", Sql.ToUnixMs(now)), ("@d", domain), ("@a", algorithm)))
            {
                retire.ExecuteNonQuery();
            }

            using var activate = tx.Command(
                "UPDATE dkim_keys SET state = 'active' WHERE domain = @d AND selector = @s", ("@d", domain), ("@s", selector));
            activate.ExecuteNonQuery();
        }

        return due.Count;
    }, cancellationToken);

    /// <summary>Deletes a retired key (its DNS record can go once no mail signed with it is still in transit).</summary>
    /// <returns>False when there is no such retired key (active and published-next keys are never deleted here).</returns>
    public Task<bool> RemoveRetiredAsync(string domain, string selector, CancellationToken cancellationToken) => _store.Writer.WriteAsync(tx =>
    {
        using var command = tx.Command(
            "DELETE FROM dkim_keys WHERE domain = @d AND selector = @s AND state = 'retired'", ("@d", DomainNames.Canonical(domain)), ("@s", selector));
        return command.ExecuteNonQuery() > 0;
    }, cancellationToken);

    private static DkimKeyRecord Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        Sql.FromUnixMs(reader.GetInt64(4)),
        DkimKeyStates.Parse(reader.GetString(5)),
        Sql.NullableTime(reader, 6),
        Sql.NullableTime(reader, 7));
}
