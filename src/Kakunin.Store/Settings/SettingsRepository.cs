using System.Data.Common;
using System.Globalization;
using Kakunin.Protocol;

namespace Kakunin.Store.Settings;

/// <summary>
/// Per-user settings (one row once the user saves; until then the organisation's defaults apply) and the
/// organisation's settings (name/value rows, absent means <see cref="OrganisationSettings.Default"/>).
/// </summary>
public sealed class SettingsRepository
{
    private const string OutsideKey = "read_receipts_outside";
    private const string DefaultsPrefix = "default.";
    private const string UserColumns =
        "language, request_delivery_receipt, request_read_receipt, mdn_other_cases, mdn_not_in_to_cc, mdn_outside_domain, mdn_on_delete_unread, process_receipts";

    private readonly KakuninStore _store;

    internal SettingsRepository(KakuninStore store) => _store = store;

    /// <summary>The user's settings, or the organisation's defaults when the user never saved any.</summary>
    public async Task<UserSettings> GetUserAsync(string address, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = Sql.Command(
            connection,
            $"SELECT {UserColumns} FROM user_settings s JOIN users u ON u.id = s.user_id WHERE u.address = @a",
            ("@a", MailboxIdentity.KeyOf(address))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return ReadUser(reader);
            }
        }

        return (await ReadOrganisationAsync(connection, cancellationToken).ConfigureAwait(false)).NewUserDefaults;
    }

    /// <summary>The settings of a user inside a write transaction (the queue's filing decision uses it).</summary>
    public static UserSettings GetUser(StoreTransaction transaction, long userId)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        using (var command = transaction.Command($"SELECT {UserColumns} FROM user_settings WHERE user_id = @u", ("@u", userId)))
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                return ReadUser(reader);
            }
        }

        using var org = transaction.Command("SELECT name, value FROM org_settings");
        using var orgReader = org.ExecuteReader();
        return ReadOrganisation(orgReader).NewUserDefaults;
    }

    /// <summary>Saves a user's settings.</summary>
    /// <exception cref="ArgumentException">A choice is not one of the known words.</exception>
    public Task SaveUserAsync(string address, UserSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Validate(settings);
        var normalized = MailboxIdentity.KeyOf(address);
        return _store.Writer.WriteAsync(tx =>
        {
            var userId = DirectoryRepository.FindUserId(tx, normalized) ?? throw new InvalidOperationException($"No user {normalized}.");
            tx.Execute(
                $"INSERT INTO user_settings (user_id, {UserColumns}) VALUES (@u, @l, @d, @r, @o, @n, @x, @del, @p) " +
                "ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, request_delivery_receipt = excluded.request_delivery_receipt, " +
                "request_read_receipt = excluded.request_read_receipt, mdn_other_cases = excluded.mdn_other_cases, mdn_not_in_to_cc = excluded.mdn_not_in_to_cc, " +
                "mdn_outside_domain = excluded.mdn_outside_domain, mdn_on_delete_unread = excluded.mdn_on_delete_unread, process_receipts = excluded.process_receipts",
                ("@u", userId), ("@l", settings.Language), ("@d", Bit(settings.RequestDeliveryReceipt)), ("@r", Bit(settings.RequestReadReceipt)),
                ("@o", settings.MdnOtherCases), ("@n", settings.MdnNotInToOrCc), ("@x", settings.MdnOutsideDomain),
                ("@del", Bit(settings.MdnOnDeleteUnread)), ("@p", Bit(settings.ProcessReceiptsOnArrival)));
        }, cancellationToken);
    }

    /// <summary>The organisation's settings.</summary>
    public async Task<OrganisationSettings> GetOrganisationAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadOrganisationAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves the organisation's settings (every key written, in one transaction).</summary>
    public Task SaveOrganisationAsync(OrganisationSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!OutsideReceipts.IsValid(settings.ReadReceiptsOutside))
        {
            throw new ArgumentException($"Unknown read-receipt rule '{settings.ReadReceiptsOutside}'.", nameof(settings));
        }

        Validate(settings.NewUserDefaults);
        return _store.Writer.WriteAsync(tx =>
        {
            foreach (var (name, value) in ToRows(settings))
            {
                tx.Execute(
                    "INSERT INTO org_settings (name, value) VALUES (@n, @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    ("@n", name), ("@v", value));
            }
        }, cancellationToken);
    }

    private static async Task<OrganisationSettings> ReadOrganisationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, "SELECT name, value FROM org_settings");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return ReadOrganisation(reader);
    }

    private static OrganisationSettings ReadOrganisation(DbDataReader reader)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }

        var d = UserSettings.Default;
        string Text(string key, string fallback) => rows.TryGetValue(DefaultsPrefix + key, out var v) ? v : fallback;
        bool Flag(string key, bool fallback) => rows.TryGetValue(DefaultsPrefix + key, out var v) ? v == "1" : fallback;
        var defaults = new UserSettings(
            rows.TryGetValue(DefaultsPrefix + "language", out var language) && language.Length > 0 ? language : null,
            Flag("request_delivery_receipt", d.RequestDeliveryReceipt),
            Flag("request_read_receipt", d.RequestReadReceipt),
            Text("mdn_other_cases", d.MdnOtherCases),
            Text("mdn_not_in_to_cc", d.MdnNotInToOrCc),
            Text("mdn_outside_domain", d.MdnOutsideDomain),
            Flag("mdn_on_delete_unread", d.MdnOnDeleteUnread),
            Flag("process_receipts", d.ProcessReceiptsOnArrival));
        var outside = rows.TryGetValue(OutsideKey, out var o) ? o : OrganisationSettings.Default.ReadReceiptsOutside;
        return new OrganisationSettings(outside, defaults);
    }

    private static IEnumerable<(string Name, string Value)> ToRows(OrganisationSettings settings)
    {
        var d = settings.NewUserDefaults;
        yield return (OutsideKey, settings.ReadReceiptsOutside);
        yield return (DefaultsPrefix + "language", d.Language ?? string.Empty);
        yield return (DefaultsPrefix + "request_delivery_receipt", Bit(d.RequestDeliveryReceipt).ToString(CultureInfo.InvariantCulture));
        yield return (DefaultsPrefix + "request_read_receipt", Bit(d.RequestReadReceipt).ToString(CultureInfo.InvariantCulture));
        yield return (DefaultsPrefix + "mdn_other_cases", d.MdnOtherCases);
        yield return (DefaultsPrefix + "mdn_not_in_to_cc", d.MdnNotInToOrCc);
        yield return (DefaultsPrefix + "mdn_outside_domain", d.MdnOutsideDomain);
        yield return (DefaultsPrefix + "mdn_on_delete_unread", Bit(d.MdnOnDeleteUnread).ToString(CultureInfo.InvariantCulture));
        yield return (DefaultsPrefix + "process_receipts", Bit(d.ProcessReceiptsOnArrival).ToString(CultureInfo.InvariantCulture));
    }

    private static UserSettings ReadUser(DbDataReader reader) => new(
        Sql.NullableString(reader, 0),
        reader.GetInt64(1) != 0,
        reader.GetInt64(2) != 0,
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetInt64(6) != 0,
        reader.GetInt64(7) != 0);

    private static void Validate(UserSettings settings)
    {
        foreach (var choice in new[] { settings.MdnOtherCases, settings.MdnNotInToOrCc, settings.MdnOutsideDomain })
        {
            if (!ReceiptChoices.IsValid(choice))
            {
                throw new ArgumentException($"Unknown read-receipt choice '{choice}'.", nameof(settings));
            }
        }

        if (settings.Language is not (null or "en" or "ja"))
        {
            throw new ArgumentException($"Unsupported language '{settings.Language}'.", nameof(settings));
        }
    }

    private static int Bit(bool value) => value ? 1 : 0;
}
