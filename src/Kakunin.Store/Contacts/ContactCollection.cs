using Kakunin.Protocol;

namespace Kakunin.Store.Contacts;

/// <summary>
/// Collecting the people a user writes to, inside the commit of the send itself (the webmail's and the API's
/// <c>MailSubmission.SubmitAsync</c> hook), so a message is never sent without its recipients counted nor counted
/// without being sent. A new address becomes a collected contact; an existing one gets one more use and the new
/// last-use time. A saved contact's name is never changed by collection; a collected one without a name takes the
/// name typed with the address (a name wins over none, never over another name).
/// </summary>
public static class ContactCollection
{
    /// <summary>Records one send of <paramref name="user"/> to <paramref name="recipients"/> (each address once; the user's own address is skipped).</summary>
    public static void Record(StoreTransaction transaction, string user, IEnumerable<(string Address, string? Name)> recipients, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(recipients);
        var owner = MailboxIdentity.KeyOf(user);
        if (DirectoryRepository.FindUserId(transaction, owner) is not { } userId)
        {
            return;
        }

        var at = Sql.ToUnixMs(now);
        foreach (var (address, name) in recipients.DistinctBy(r => MailboxIdentity.KeyOf(r.Address), StringComparer.Ordinal))
        {
            var key = MailboxIdentity.KeyOf(address);
            if (key == owner || ContactRules.AddressProblem(key) is not null)
            {
                continue;
            }

            var clean = ContactRules.CleanName(name, key);
            transaction.Execute(
                "INSERT INTO contacts (user_id, address, name, saved, times_used, last_used_at, created_at, search_key) VALUES (@u, @a, @n, 0, 1, @t, @t, @k) " +
                "ON CONFLICT (user_id, address) DO UPDATE SET times_used = contacts.times_used + 1, last_used_at = @t, " +
                "name = CASE WHEN contacts.saved = 0 AND contacts.name IS NULL THEN @n ELSE contacts.name END, " +
                "search_key = CASE WHEN contacts.saved = 0 AND contacts.name IS NULL THEN @k ELSE contacts.search_key END",
                ("@u", userId), ("@a", key), ("@n", clean), ("@t", at), ("@k", ContactSearchKey.For(key, clean)));
        }
    }
}
