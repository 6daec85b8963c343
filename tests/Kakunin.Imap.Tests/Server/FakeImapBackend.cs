using System.Runtime.CompilerServices;
using System.Text;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Search;

namespace Kakunin.Imap.Tests.Server;

/// <summary>An in-memory mail store for one user, alice / secret ("locked" is throttled). Tests of the session only.</summary>
internal sealed class FakeImapBackend : IImapBackend
{
    private readonly Lock _lock = new();
    private readonly List<Folder> _folders = [];
    private readonly List<Action<long?>> _watchers = [];
    private long _nextFolderId = 1;

    public FakeImapBackend()
    {
        Add("INBOX", ImapSpecialUse.None);
        Add("Sent", ImapSpecialUse.Sent);
        Add("Trash", ImapSpecialUse.Trash);
    }

    public static ImapUser Alice { get; } = new(1, "alice@example.test");

    public long AppendLimit { get; set; } = 1000;

    public List<string> Log { get; } = [];

    /// <summary>Stores a message directly, as delivery or the webmail would, and tells the watchers.</summary>
    public uint Deliver(string folder, string content, params string[] flags) => Deliver(folder, Encoding.UTF8.GetBytes(content), flags);

    /// <summary>Stores a message's exact bytes directly, as delivery would, and tells the watchers.</summary>
    public uint Deliver(string folder, byte[] content, params string[] flags)
    {
        uint uid;
        long id;
        lock (_lock)
        {
            var f = Find(folder)!;
            uid = f.UidNext++;
            f.Messages.Add(new Msg(uid, ++f.ModSeq, [.. flags], new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(1)), content));
            id = f.Id;
        }

        Notify(id);
        return uid;
    }

    /// <summary>Changes flags directly (the webmail) and tells the watchers.</summary>
    public void SetFlags(string folder, uint uid, params string[] flags)
    {
        long id;
        lock (_lock)
        {
            var f = Find(folder)!;
            var m = f.Messages.Single(x => x.Uid == uid);
            m.Flags = [.. flags];
            m.ModSeq = ++f.ModSeq;
            id = f.Id;
        }

        Notify(id);
    }

    /// <summary>Removes a message directly (the webmail) and tells the watchers.</summary>
    public void Remove(string folder, uint uid)
    {
        long id;
        lock (_lock)
        {
            var f = Find(folder)!;
            f.Messages.RemoveAll(m => m.Uid == uid);
            f.Expunged.Add((uid, ++f.ModSeq));
            id = f.Id;
        }

        Notify(id);
    }

    public ValueTask<ImapLoginResult> AuthenticateAsync(ImapClientInfo client, string userName, string password, CancellationToken cancellationToken)
    {
        Log.Add($"AUTH {userName}");
        if (userName == "locked")
        {
            return ValueTask.FromResult(ImapLoginResult.Refused);
        }

        return ValueTask.FromResult(userName == "alice" && password == "secret" ? ImapLoginResult.Accepted(Alice) : ImapLoginResult.Wrong);
    }

    public Task<IReadOnlyList<ImapFolderInfo>> ListFoldersAsync(ImapUser user, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ImapFolderInfo>>(_folders.Select(f => new ImapFolderInfo(f.Name, f.Use, f.Subscribed)).ToList());
        }
    }

    public Task<ImapFolderOutcome> CreateFolderAsync(ImapUser user, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Find(name) is not null)
            {
                return Task.FromResult(ImapFolderOutcome.AlreadyExists);
            }

            Add(name, ImapSpecialUse.None);
            return Task.FromResult(ImapFolderOutcome.Done);
        }
    }

    public Task<ImapFolderOutcome> DeleteFolderAsync(ImapUser user, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var f = Find(name);
            if (f is null)
            {
                return Task.FromResult(ImapFolderOutcome.NoSuchFolder);
            }

            if (f.Name == "INBOX" || f.Use != ImapSpecialUse.None)
            {
                return Task.FromResult(ImapFolderOutcome.NotAllowed);
            }

            _folders.Remove(f);
            return Task.FromResult(ImapFolderOutcome.Done);
        }
    }

    public Task<ImapFolderOutcome> RenameFolderAsync(ImapUser user, string from, string to, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var f = Find(from);
            if (f is null)
            {
                return Task.FromResult(ImapFolderOutcome.NoSuchFolder);
            }

            if (Find(to) is not null)
            {
                return Task.FromResult(ImapFolderOutcome.AlreadyExists);
            }

            f.Name = to;
            return Task.FromResult(ImapFolderOutcome.Done);
        }
    }

    public Task<ImapFolderOutcome> SetSubscribedAsync(ImapUser user, string name, bool subscribed, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var f = Find(name);
            if (f is null)
            {
                return Task.FromResult(ImapFolderOutcome.NoSuchFolder);
            }

            f.Subscribed = subscribed;
            return Task.FromResult(ImapFolderOutcome.Done);
        }
    }

    public Task<ImapFolderStatus?> GetStatusAsync(ImapUser user, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var f = Find(name);
            return Task.FromResult(f is null ? null : new ImapFolderStatus(
                f.Messages.Count, f.Messages.Count(m => !m.Flags.Contains("\\Seen")), f.Messages.Count(m => m.Flags.Contains("\\Deleted")),
                f.Messages.Sum(m => (long)m.Content.Length), f.UidNext, f.UidValidity, f.ModSeq));
        }
    }

    public Task<ImapMailboxSnapshot?> OpenAsync(ImapUser user, string name, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var f = Find(name);
            Log.Add($"OPEN {name}");
            return Task.FromResult(f is null ? null : new ImapMailboxSnapshot(
                f.Id, f.Name, f.Use, f.UidValidity, f.UidNext, f.ModSeq, f.Messages.Select(m => m.Uid).ToArray(),
                f.Messages.Count(m => !m.Flags.Contains("\\Seen")), f.Messages.FirstOrDefault(m => !m.Flags.Contains("\\Seen"))?.Uid,
                f.Messages.SelectMany(m => m.Flags).Where(x => !x.StartsWith('\\')).Distinct().ToList()));
        }
    }

    public Task<ImapFolderChanges?> GetChangesAsync(ImapUser user, long folderId, ulong sinceModSeq, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var f = _folders.FirstOrDefault(x => x.Id == folderId);
            return Task.FromResult(f is null ? null : new ImapFolderChanges(
                f.Messages.Where(m => m.ModSeq > sinceModSeq).Select(m => new ImapMessageFlags(m.Uid, m.ModSeq, [.. m.Flags])).ToList(),
                f.Expunged.Where(e => e.ModSeq > sinceModSeq).Select(e => e.Uid).Order().ToList(), f.UidNext, f.ModSeq));
        }
    }

    public async IAsyncEnumerable<ImapMessageData> FetchAsync(ImapUser user, long folderId, IReadOnlyList<uint> uids, ImapFetchParts parts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<ImapMessageData> result;
        lock (_lock)
        {
            var f = _folders.Single(x => x.Id == folderId);
            var wanted = uids.ToHashSet();
            result = f.Messages.Where(m => wanted.Contains(m.Uid)).Select(m =>
            {
                // Byte offsets (a char index of the decoded text is wrong for 8-bit headers). The casts keep "not
                // asked" null: a null byte[] would become an empty ReadOnlyMemory, not a null one.
                var end = m.Content.AsSpan().IndexOf("\r\n\r\n"u8);
                var header = end < 0 ? m.Content : m.Content[..(end + 4)];
                return new ImapMessageData(m.Uid, m.ModSeq, [.. m.Flags], m.Date, m.Content.Length,
                    (parts & (ImapFetchParts.Header | ImapFetchParts.Envelope)) != 0 ? header : (ReadOnlyMemory<byte>?)null,
                    parts.HasFlag(ImapFetchParts.Content) ? m.Content : (ReadOnlyMemory<byte>?)null);
            }).ToList();
        }

        foreach (var item in result)
        {
            await Task.Yield();
            yield return item;
        }
    }

    public Task<ImapStoreOutcome> StoreFlagsAsync(ImapUser user, long folderId, IReadOnlyList<uint> uids, ImapFlagOperation operation, IReadOnlyList<string> flags, ulong? unchangedSince, CancellationToken cancellationToken)
    {
        var changed = new List<ImapMessageFlags>();
        var modified = new List<uint>();
        lock (_lock)
        {
            var f = _folders.Single(x => x.Id == folderId);
            foreach (var m in f.Messages.Where(m => uids.Contains(m.Uid)))
            {
                if (unchangedSince is { } u && m.ModSeq > u)
                {
                    modified.Add(m.Uid);
                    continue;
                }

                var next = operation switch
                {
                    ImapFlagOperation.Add => m.Flags.Union(flags).ToList(),
                    ImapFlagOperation.Remove => m.Flags.Except(flags).ToList(),
                    _ => flags.ToList(),
                };
                if (next.Order().SequenceEqual(m.Flags.Order()))
                {
                    continue;
                }

                m.Flags = next;
                m.ModSeq = ++f.ModSeq;
                changed.Add(new ImapMessageFlags(m.Uid, m.ModSeq, [.. m.Flags]));
            }
        }

        Notify(folderId);
        return Task.FromResult(new ImapStoreOutcome(changed, modified));
    }

    public Task<ImapCopyOutcome?> CopyAsync(ImapUser user, long folderId, IReadOnlyList<uint> uids, string target, bool move, CancellationToken cancellationToken)
    {
        Folder? to;
        var source = new List<uint>();
        var targets = new List<uint>();
        lock (_lock)
        {
            var from = _folders.Single(x => x.Id == folderId);
            to = Find(target);
            if (to is null)
            {
                return Task.FromResult<ImapCopyOutcome?>(null);
            }

            foreach (var m in from.Messages.Where(m => uids.Contains(m.Uid)).ToList())
            {
                var uid = to.UidNext++;
                to.Messages.Add(new Msg(uid, ++to.ModSeq, [.. m.Flags], m.Date, m.Content));
                source.Add(m.Uid);
                targets.Add(uid);
                if (move)
                {
                    from.Messages.Remove(m);
                    from.Expunged.Add((m.Uid, ++from.ModSeq));
                }
            }
        }

        Notify(folderId);
        Notify(to.Id);
        return Task.FromResult<ImapCopyOutcome?>(new ImapCopyOutcome(to.UidValidity, source, targets));
    }

    public Task<IReadOnlyList<uint>> ExpungeAsync(ImapUser user, long folderId, IReadOnlyList<uint>? uids, CancellationToken cancellationToken)
    {
        List<uint> removed;
        lock (_lock)
        {
            var f = _folders.Single(x => x.Id == folderId);
            removed = f.Messages.Where(m => m.Flags.Contains("\\Deleted") && (uids is null || uids.Contains(m.Uid))).Select(m => m.Uid).ToList();
            f.Messages.RemoveAll(m => removed.Contains(m.Uid));
            foreach (var uid in removed)
            {
                f.Expunged.Add((uid, ++f.ModSeq));
            }
        }

        Notify(folderId);
        return Task.FromResult<IReadOnlyList<uint>>(removed);
    }

    /// <summary>When set, APPEND throws this (a full disk, a damaged store, a bug) instead of storing.</summary>
    public Exception? AppendFailure { get; set; }

    public Task<ImapAppendOutcome?> AppendAsync(ImapUser user, string folder, ReadOnlyMemory<byte> content, IReadOnlyList<string> flags, DateTimeOffset? internalDate, CancellationToken cancellationToken)
    {
        if (AppendFailure is { } failure)
        {
            throw failure;
        }

        Folder? f;
        uint uid;
        lock (_lock)
        {
            f = Find(folder);
            if (f is null)
            {
                return Task.FromResult<ImapAppendOutcome?>(null);
            }

            uid = f.UidNext++;
            f.Messages.Add(new Msg(uid, ++f.ModSeq, [.. flags], internalDate ?? DateTimeOffset.UnixEpoch, content.ToArray()));
            Log.Add($"APPEND {folder} {content.Length} [{string.Join(' ', flags)}] {internalDate:O}");
        }

        Notify(f.Id);
        return Task.FromResult<ImapAppendOutcome?>(new ImapAppendOutcome(f.UidValidity, uid, false));
    }

    public Task<IReadOnlyList<uint>> SearchAsync(ImapUser user, long folderId, SearchKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var f = _folders.Single(x => x.Id == folderId);
            return Task.FromResult<IReadOnlyList<uint>>(f.Messages.Where(m => Matches(key, m)).Select(m => m.Uid).ToList());
        }
    }

    public IDisposable Watch(ImapUser user, Action<long?> changed)
    {
        lock (_lock)
        {
            _watchers.Add(changed);
        }

        return new Unwatch(this, changed);
    }

    // The reference evaluator over a row like the store's: Subject, From and To decoded (RFC 2047), the Date header.
    private static bool Matches(SearchKey key, Msg m)
    {
        using var stream = new MemoryStream(m.Content);
        var headers = MimeKit.HeaderList.Load(stream);
        DateTimeOffset? sent = MimeKit.Utils.DateUtils.TryParse(headers[MimeKit.HeaderId.Date] ?? string.Empty, out var date) ? date : null;
        var row = new SearchRow(m.Uid, m.ModSeq, m.Flags, m.Date, m.Content.Length,
            headers[MimeKit.HeaderId.Subject], headers[MimeKit.HeaderId.From], headers[MimeKit.HeaderId.To], sent, m.Content);
        return SearchEvaluator.Matches(key, row);
    }

    private void Notify(long folderId)
    {
        Action<long?>[] watchers;
        lock (_lock)
        {
            watchers = [.. _watchers];
        }

        foreach (var w in watchers)
        {
            ThreadPool.QueueUserWorkItem(_ => w(folderId));
        }
    }

    private Folder? Find(string name) => _folders.FirstOrDefault(f => f.Name == name);

    private void Add(string name, ImapSpecialUse use) => _folders.Add(new Folder(_nextFolderId++, name, use));

    private sealed class Unwatch(FakeImapBackend backend, Action<long?> changed) : IDisposable
    {
        public void Dispose()
        {
            lock (backend._lock)
            {
                backend._watchers.Remove(changed);
            }
        }
    }

    private sealed class Folder(long id, string name, ImapSpecialUse use)
    {
        public long Id { get; } = id;

        public string Name { get; set; } = name;

        public ImapSpecialUse Use { get; } = use;

        public bool Subscribed { get; set; } = true;

        public uint UidValidity { get; } = 1000 + (uint)id;

        public uint UidNext { get; set; } = 1;

        public ulong ModSeq { get; set; } = 1;

        public List<Msg> Messages { get; } = [];

        public List<(uint Uid, ulong ModSeq)> Expunged { get; } = [];
    }

    private sealed class Msg(uint uid, ulong modSeq, List<string> flags, DateTimeOffset date, byte[] content)
    {
        public uint Uid { get; } = uid;

        public ulong ModSeq { get; set; } = modSeq;

        public List<string> Flags { get; set; } = flags;

        public DateTimeOffset Date { get; } = date;

        public byte[] Content { get; } = content;
    }
}
