using Kakunin.Protocol;
namespace Kakunin.Store;

/// <summary>
/// Where mail to a local address that is no user goes: its alias targets, and for <c>postmaster@</c> any local domain
/// that has no alias of that name, the organisation's administrators. RFC 5321 §4.5.1 (and RFC 2142 §5) require
/// every domain that takes mail to accept mail for postmaster; routing it to the people who run the server means a
/// domain added later needs no extra step and the route follows the administrator role as it changes, while an
/// explicit <c>postmaster@domain</c> alias (the demo creates one) still decides for its domain.
/// </summary>
public sealed partial class DirectoryRepository
{
    private const string AdministratorsSql = "SELECT address FROM users WHERE is_admin = 1 ORDER BY address";

    /// <summary>The addresses mail to <paramref name="address"/> is forwarded to (empty when nobody): see the type's remarks.</summary>
    public async Task<IReadOnlyList<string>> GetForwardTargetsAsync(string address, CancellationToken cancellationToken)
    {
        var targets = await GetAliasTargetsAsync(address, cancellationToken).ConfigureAwait(false);
        return targets.Count == 0 && (MailboxIdentity.Parse(address)?.IsPostmaster ?? false)
            ? await ListAsync(AdministratorsSql, string.Empty, cancellationToken).ConfigureAwait(false)
            : targets;
    }

    /// <summary>The same as <see cref="GetForwardTargetsAsync"/>, inside a write transaction.</summary>
    public static IReadOnlyList<string> GetForwardTargets(StoreTransaction transaction, string address)
    {
        var targets = GetAliasTargets(transaction, address);
        if (targets.Count > 0 || !(MailboxIdentity.Parse(address)?.IsPostmaster ?? false))
        {
            return targets;
        }

        using var command = transaction.Command(AdministratorsSql);
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
