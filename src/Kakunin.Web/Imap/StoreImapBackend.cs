using System.Runtime.CompilerServices;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Search;
using Kakunin.Queue;
using Kakunin.Store;
using Kakunin.Store.Imap;
using Kakunin.Store.Security;

namespace Kakunin.Web.Imap;

/// <summary>
/// The IMAP server's backend over the Kakunin store (docs/imap-store.md): accounts and the sign-in throttle shared
/// with SMTP and the webmail, folders and messages through <see cref="ImapMailRepository"/>, change notices from
/// <see cref="KakuninStore.Changes"/>. An APPEND is refused like any new mail while the store is damaged
/// (<see cref="StoreDamagedException"/>) or the disk is below its reserve (<see cref="Kakunin.Store.Space.StorageFullException"/>).
/// </summary>
public sealed class StoreImapBackend : IImapBackend
{
    private readonly KakuninStore _store;
    private readonly PasswordSignIn _signIn;
    private readonly TimeProvider _time;
    private readonly ImapBackendOptions _options;

    public StoreImapBackend(KakuninStore store, PasswordSignIn signIn, TimeProvider time, ImapBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(time);
        (_store, _signIn, _time, _options) = (store, signIn, time, options ?? new ImapBackendOptions());
    }

    public long AppendLimit => _options.AppendLimit;

    private ImapMailRepository Mail => _store.Imap;

    public async ValueTask<ImapLoginResult> AuthenticateAsync(ImapClientInfo client, string userName, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var result = await _signIn.SignInAsync(userName, password, client.RemoteEndPoint?.Address, "imap", cancellationToken).ConfigureAwait(false);
        if (result.IsRefused)
        {
            return ImapLoginResult.Refused;
        }

        // A user deleted between the password check and here has no mail to open: a wrong answer.
        return result.Address is { } address && await _store.Directory.FindUserIdAsync(address, cancellationToken).ConfigureAwait(false) is { } id
            ? ImapLoginResult.Accepted(new ImapUser(id, address))
            : ImapLoginResult.Wrong;
    }

    public async Task<IReadOnlyList<ImapFolderInfo>> ListFoldersAsync(ImapUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var folders = await Mail.ListFoldersAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return [.. folders
            .Select(f => new ImapFolderInfo(ImapFolderNames.ToImap(f.Name), ImapFolderNames.SpecialUseOf(f.Name), f.Subscribed))
            .OrderBy(f => f.Name == "INBOX" ? 0 : 1)
            .ThenBy(f => f.Name, StringComparer.Ordinal)];
    }

    public async Task<ImapFolderOutcome> CreateFolderAsync(ImapUser user, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(name);
        // RFC 9051 §6.3.4: a trailing delimiter declares the intent to create children; the name is without it.
        var trimmed = name.EndsWith(ImapMailRepository.Delimiter) ? name[..^1] : name;
        return ImapFolderNames.ToOutcome(await Mail.CreateFolderAsync(user.Id, ImapFolderNames.ToStore(trimmed), cancellationToken).ConfigureAwait(false));
    }

    public async Task<ImapFolderOutcome> DeleteFolderAsync(ImapUser user, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ImapFolderNames.ToOutcome(await Mail.DeleteFolderAsync(user.Id, ImapFolderNames.ToStore(name), cancellationToken).ConfigureAwait(false));
    }

    public async Task<ImapFolderOutcome> RenameFolderAsync(ImapUser user, string from, string to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ImapFolderNames.ToOutcome(
            await Mail.RenameFolderAsync(user.Id, ImapFolderNames.ToStore(from), ImapFolderNames.ToStore(to), cancellationToken).ConfigureAwait(false));
    }

    public async Task<ImapFolderOutcome> SetSubscribedAsync(ImapUser user, string name, bool subscribed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ImapFolderNames.ToOutcome(await Mail.SetSubscribedAsync(user.Id, ImapFolderNames.ToStore(name), subscribed, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ImapFolderStatus?> GetStatusAsync(ImapUser user, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await Mail.GetCountersAsync(user.Id, ImapFolderNames.ToStore(name), cancellationToken).ConfigureAwait(false) is { } c
            ? new ImapFolderStatus(c.Messages, c.Unseen, c.Deleted, c.Size, c.UidNext, c.UidValidity, c.HighestModSeq)
            : null;
    }

    public async Task<ImapMailboxSnapshot?> OpenAsync(ImapUser user, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var storeName = ImapFolderNames.ToStore(name);
        return await Mail.OpenAsync(user.Id, storeName, cancellationToken).ConfigureAwait(false) is { } s
            ? new ImapMailboxSnapshot(
                s.FolderId, ImapFolderNames.ToImap(s.Name), ImapFolderNames.SpecialUseOf(s.Name), s.UidValidity, s.UidNext, s.HighestModSeq, s.Uids, s.Unseen,
                s.FirstUnseenUid, s.Keywords)
            : null;
    }

    public async Task<ImapFolderChanges?> GetChangesAsync(ImapUser user, long folderId, ulong sinceModSeq, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await Mail.GetChangesAsync(user.Id, folderId, sinceModSeq, cancellationToken).ConfigureAwait(false) is { } c
            ? new ImapFolderChanges([.. c.Changed.Select(ToImap)], c.Expunged, c.UidNext, c.HighestModSeq)
            : null;
    }

    public async IAsyncEnumerable<ImapMessageData> FetchAsync(
        ImapUser user, long folderId, IReadOnlyList<uint> uids, ImapFetchParts parts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var content = parts.HasFlag(ImapFetchParts.Content);
        var header = !content && parts.HasFlag(ImapFetchParts.Header);
        var envelope = !content && parts.HasFlag(ImapFetchParts.Envelope);
        var utf8 = parts.HasFlag(ImapFetchParts.Utf8);
        var wants = new FetchWants(header, content, envelope ? (utf8 ? EnvelopeWanted.Utf8 : EnvelopeWanted.Ascii) : EnvelopeWanted.None);
        await foreach (var m in Mail.FetchAsync(user.Id, folderId, uids, wants, cancellationToken).ConfigureAwait(false))
        {
            var ready = m.Envelope;
            if (envelope && ready is null && m.Header is { } bytes)
            {
                ready = EnvelopeCache.Build(Mail, m, bytes, utf8);
            }

            yield return new ImapMessageData(m.Uid, m.ModSeq, m.Flags, m.InternalDate, m.Size, m.Header, m.Content) { IsDamaged = m.IsDamaged, Envelope = ready };
        }
    }

    public async Task<ImapStoreOutcome> StoreFlagsAsync(
        ImapUser user, long folderId, IReadOnlyList<uint> uids, ImapFlagOperation operation, IReadOnlyList<string> flags, ulong? unchangedSince, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var op = operation switch
        {
            ImapFlagOperation.Add => FlagOperation.Add,
            ImapFlagOperation.Remove => FlagOperation.Remove,
            _ => FlagOperation.Replace,
        };
        var result = await Mail.StoreFlagsAsync(user.Id, folderId, uids, op, flags, unchangedSince, cancellationToken).ConfigureAwait(false);
        return result is null ? new ImapStoreOutcome([], []) : new ImapStoreOutcome([.. result.Changed.Select(ToImap)], result.Modified);
    }

    public async Task<ImapCopyOutcome?> CopyAsync(ImapUser user, long folderId, IReadOnlyList<uint> uids, string target, bool move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await Mail.CopyAsync(user.Id, folderId, uids, ImapFolderNames.ToStore(target), move, cancellationToken).ConfigureAwait(false) is { } r
            ? new ImapCopyOutcome(r.TargetUidValidity, r.SourceUids, r.TargetUids)
            : null;
    }

    public async Task<IReadOnlyList<uint>> ExpungeAsync(ImapUser user, long folderId, IReadOnlyList<uint>? uids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await Mail.ExpungeAsync(user.Id, folderId, uids, cancellationToken).ConfigureAwait(false) ?? [];
    }

    public async Task<ImapAppendOutcome?> AppendAsync(
        ImapUser user, string folder, ReadOnlyMemory<byte> content, IReadOnlyList<string> flags, DateTimeOffset? internalDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        // New mail like any other (docs/storage.md): not into a damaged store, not into the disk's reserve.
        try
        {
            StoreIntegrityRefusal.EnsureAccepting(_store);
            StorageAdmission.EnsureRoom(_store.Space, content.Length);
        }
        catch (StoreDamagedException e)
        {
            throw new ImapRefusedException("UNAVAILABLE", "The mail store failed its integrity check and takes no new mail; try again later", e);
        }
        catch (Kakunin.Store.Space.StorageFullException e)
        {
            // RFC 5530 OVERQUOTA: what Dovecot answers when the disk is full too; the client tells its user there is no room.
            throw new ImapRefusedException("OVERQUOTA", "Not enough disk space on the server", e);
        }

        var now = _time.GetUtcNow();
        var result = await Mail.AppendAsync(
            user.Id, user.Address, ImapFolderNames.ToStore(folder), content, flags, internalDate ?? now, now, _options.SentDeduplicationWindow, cancellationToken).ConfigureAwait(false);
        return result is null ? null : new ImapAppendOutcome(result.UidValidity, result.Uid, result.WasAlreadyStored);
    }

    public async Task<IReadOnlyList<uint>> SearchAsync(ImapUser user, long folderId, SearchKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(key);
        var matches = new List<uint>();
        var addresses = SearchAddresses.Needed(key);
        await foreach (var c in Mail.SearchCandidatesAsync(user.Id, folderId, SearchPrefilter.UidRanges(key), SearchNeeds.Of(key), cancellationToken).ConfigureAwait(false))
        {
            var (from, to) = addresses && (c.Header ?? c.Content) is { } bytes ? SearchAddresses.Read(bytes) : (c.From, c.To);
            var row = new SearchRow(c.Uid, c.ModSeq, c.Flags, c.InternalDate, c.Size, c.Subject, from, to, c.Date, c.Content);
            if (SearchEvaluator.Matches(key, row))
            {
                matches.Add(c.Uid);
            }
        }

        return matches;
    }

    public IDisposable Watch(ImapUser user, Action<long?> changed)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _store.Changes.Subscribe(user.Id, changed);
    }

    private static ImapMessageFlags ToImap(MessageFlagState state) => new(state.Uid, state.ModSeq, state.Flags);
}
