using Kakunin.Protocol;

namespace Kakunin.Store;

// A user's display name (migration 16): the RFC 5322 display-name of the From of what they send. Set in the
// webmail's settings; NULL means none, and From is the bare address.
public sealed partial class DirectoryRepository
{
    /// <summary>The longest display name kept, in characters: a From line that still fits a screen (RFC 5322 §2.1.1 folds longer ones).</summary>
    public const int MaxDisplayNameLength = 100;

    /// <summary>The user's display name, or null when they have none (or there is no such user).</summary>
    public async Task<string?> GetDisplayNameAsync(string address, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, "SELECT display_name FROM users WHERE address = @a", ("@a", MailboxIdentity.KeyOf(address)));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <summary>
    /// Sets (or, with null or blanks, removes) the user's display name, trimmed; false when there is no such user.
    /// </summary>
    /// <exception cref="ArgumentException">The name has a control character (it would break the From line) or is too long.</exception>
    public Task<bool> SetDisplayNameAsync(string address, string? displayName, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        if (name is not null && (name.Any(char.IsControl) || name.Length > MaxDisplayNameLength))
        {
            throw new ArgumentException($"A display name has no control characters and at most {MaxDisplayNameLength} characters.", nameof(displayName));
        }

        var normalized = MailboxIdentity.KeyOf(address);
        return _store.Writer.WriteAsync(
            tx => tx.Execute("UPDATE users SET display_name = @n WHERE address = @a", ("@n", name), ("@a", normalized)) == 1,
            cancellationToken);
    }
}
