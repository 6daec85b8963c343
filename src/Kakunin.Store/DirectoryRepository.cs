namespace Kakunin.Store;

/// <summary>Local domains, users (with their folders) and aliases.</summary>
public sealed class DirectoryRepository
{
    private static readonly string DummyHash = PasswordHasher.Hash("dummy", 1000);
    private readonly KakuninStore _store;

    internal DirectoryRepository(KakuninStore store) => _store = store;

    public Task AddDomainAsync(string domain, CancellationToken cancellationToken)
    {
        var name = Addresses.Normalize(domain);
        return _store.Writer.WriteAsync(tx => tx.Execute("INSERT INTO domains (name) VALUES ($n) ON CONFLICT (name) DO NOTHING", ("$n", name)), cancellationToken);
    }

    public async Task<IReadOnlySet<string>> GetLocalDomainsAsync(CancellationToken cancellationToken)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT name FROM domains");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            set.Add(reader.GetString(0));
        }

        return set;
    }

    public async Task<bool> IsLocalDomainAsync(string domain, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT 1 FROM domains WHERE name = $n", Addresses.Normalize(domain), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Creates a user on a local domain with a hashed password and the default folders; returns the user id.</summary>
    /// <exception cref="InvalidOperationException">The domain is not local.</exception>
    public Task<long> AddUserAsync(string address, string password, CancellationToken cancellationToken)
    {
        var normalized = Addresses.Normalize(address);
        var hash = PasswordHasher.Hash(password, _store.Options.PasswordIterations); // hashed outside the writer: it is slow on purpose
        return _store.Writer.WriteAsync(tx =>
        {
            if (tx.ScalarInt64("SELECT COUNT(*) FROM domains WHERE name = $n", ("$n", Addresses.DomainOf(normalized))) == 0)
            {
                throw new InvalidOperationException($"The domain of {normalized} is not a local domain.");
            }

            var id = tx.ScalarInt64(
                "INSERT INTO users (address, password_hash, created_at) VALUES ($a, $h, $t) RETURNING id",
                ("$a", normalized), ("$h", hash), ("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))!.Value;
            foreach (var folder in MailFolders.Defaults)
            {
                tx.Execute("INSERT INTO folders (user_id, name) VALUES ($u, $n)", ("$u", id), ("$n", folder));
            }

            return id;
        }, cancellationToken);
    }

    /// <summary>Checks a password; returns the canonical address of the user, or null. Takes as long for unknown users.</summary>
    public async Task<string?> VerifyPasswordAsync(string address, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var normalized = Addresses.Normalize(address);
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT password_hash FROM users WHERE address = $a", ("$a", normalized));
        var hash = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        var ok = PasswordHasher.Verify(password, hash ?? DummyHash);
        return ok && hash is not null ? normalized : null;
    }

    public async Task<long?> FindUserIdAsync(string address, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT id FROM users WHERE address = $n", Addresses.Normalize(address), cancellationToken).ConfigureAwait(false);

    /// <summary>The user's id inside a write transaction, or null.</summary>
    public static long? FindUserId(StoreTransaction transaction, string address)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.ScalarInt64("SELECT id FROM users WHERE address = $a", ("$a", Addresses.Normalize(address)));
    }

    /// <summary>Adds an alias: <paramref name="address"/> (on a local domain) forwards to each target, local or remote.</summary>
    public Task AddAliasAsync(string address, IEnumerable<string> targets, CancellationToken cancellationToken)
    {
        var normalized = Addresses.Normalize(address);
        var list = targets.Select(Addresses.Normalize).Distinct(StringComparer.Ordinal).ToList();
        return _store.Writer.WriteAsync(tx =>
        {
            foreach (var target in list)
            {
                tx.Execute("INSERT INTO aliases (address, target) VALUES ($a, $t) ON CONFLICT (address, target) DO NOTHING", ("$a", normalized), ("$t", target));
            }
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> GetAliasTargetsAsync(string address, CancellationToken cancellationToken) =>
        await ListAsync("SELECT target FROM aliases WHERE address = $n ORDER BY target", Addresses.Normalize(address), cancellationToken).ConfigureAwait(false);

    /// <summary>The alias targets inside a write transaction (empty when the address is no alias).</summary>
    public static IReadOnlyList<string> GetAliasTargets(StoreTransaction transaction, string address)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using var command = transaction.Command("SELECT target FROM aliases WHERE address = $a ORDER BY target", ("$a", Addresses.Normalize(address)));
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    /// <summary>The aliases that have <paramref name="userAddress"/> among their targets: addresses the user may send as.</summary>
    public async Task<IReadOnlyList<string>> GetAliasesOfAsync(string userAddress, CancellationToken cancellationToken) =>
        await ListAsync("SELECT DISTINCT address FROM aliases WHERE target = $n ORDER BY address", Addresses.Normalize(userAddress), cancellationToken).ConfigureAwait(false);

    private async Task<long?> ScalarAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, sql, ("$n", value));
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return result is null or DBNull ? null : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<string>> ListAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, sql, ("$n", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
