using Kakunin.Protocol;
namespace Kakunin.Store;

/// <summary>Who may change the organisation's settings.</summary>
public sealed partial class DirectoryRepository
{
    /// <summary>Whether the user is an administrator of the organisation.</summary>
    public async Task<bool> IsAdminAsync(string address, CancellationToken cancellationToken) =>
        await ScalarAsync("SELECT id FROM users WHERE address = @n AND is_admin = 1", MailboxIdentity.KeyOf(address), cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Makes a user an administrator or takes it away; false when there is no such user.</summary>
    public Task<bool> SetAdminAsync(string address, bool isAdmin, CancellationToken cancellationToken)
    {
        var normalized = MailboxIdentity.KeyOf(address);
        return _store.Writer.WriteAsync(
            tx => tx.Execute("UPDATE users SET is_admin = @v WHERE address = @a", ("@v", isAdmin ? 1 : 0), ("@a", normalized)) == 1,
            cancellationToken);
    }
}
