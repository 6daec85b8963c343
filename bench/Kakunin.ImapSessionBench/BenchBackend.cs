using System.Runtime.CompilerServices;
using System.Text;
using Kakunin.Imap.Backend;
using Kakunin.Imap.Search;

namespace Kakunin.ImapSessionBench;

/// <summary>
/// One folder of generated messages held in memory, answering at once: what is measured is the session's own work
/// (parsing, sequence sets, response writing, message structure), not a store's.
/// </summary>
internal sealed class BenchBackend : IImapBackend
{
    private static readonly string[] Words = ["invoice", "meeting", "report", "holiday", "project", "budget", "review", "lunch", "release", "contract"];
    private readonly uint[] _uids;
    private readonly byte[][] _content;
    private readonly int[] _headerLength;
    private readonly string[] _subjects;
    private readonly List<string>[] _flags;
    private readonly ulong[] _modSeq;
    private ulong _highest;

    public BenchBackend(int count)
    {
        _uids = new uint[count];
        _content = new byte[count][];
        _headerLength = new int[count];
        _subjects = new string[count];
        _flags = new List<string>[count];
        _modSeq = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            _uids[i] = (uint)(i + 1);
            _subjects[i] = $"{Words[i % Words.Length]} {Words[(i / 10) % Words.Length]} number {i}";
            _content[i] = Encoding.UTF8.GetBytes(Message(i, _subjects[i]));
            _headerLength[i] = _content[i].AsSpan().IndexOf("\r\n\r\n"u8) + 4;
            _flags[i] = i % 3 == 0 ? ["\\Seen"] : [];
            _modSeq[i] = (ulong)(i + 2);
        }

        _highest = (ulong)(count + 1);
    }

    public long AppendLimit => 50_000_000;

    public List<string>? LastSearchSubjects { get; set; }

    private static string Message(int i, string subject) =>
        $"Return-Path: <sender{i % 97}@example.com>\r\n" +
        $"Received: from mx.example.com (mx.example.com [192.0.2.{i % 250}]) by mail.example.org with ESMTPS id {i:x8}; Tue, 03 Jun 2025 10:15:00 +0900\r\n" +
        $"Date: Tue, 03 Jun 2025 10:{i % 60:00}:00 +0900\r\n" +
        $"From: \"Sender {i % 97}\" <sender{i % 97}@example.com>\r\n" +
        "To: Alice <alice@example.org>, bob@example.org\r\n" +
        "Cc: Carol <carol@example.org>\r\n" +
        $"Subject: {subject}\r\n" +
        $"Message-ID: <msg-{i}@example.com>\r\n" +
        $"In-Reply-To: <msg-{Math.Max(0, i - 1)}@example.com>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/alternative; boundary=\"b1\"\r\n" +
        "\r\n" +
        "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
        string.Concat(Enumerable.Repeat($"Line of text for message {i}, quite ordinary =E2=80=93 nothing to see.\r\n", 20)) +
        "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>" +
        string.Concat(Enumerable.Repeat($"<p>Paragraph for message {i}.</p>\r\n", 20)) +
        "</body></html>\r\n--b1--\r\n";

    public ValueTask<ImapLoginResult> AuthenticateAsync(ImapClientInfo client, string userName, string password, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImapLoginResult.Accepted(new ImapUser(1, "alice@example.org")));

    public Task<IReadOnlyList<ImapFolderInfo>> ListFoldersAsync(ImapUser user, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ImapFolderInfo>>([new ImapFolderInfo("INBOX", ImapSpecialUse.None, true)]);

    public Task<ImapFolderOutcome> CreateFolderAsync(ImapUser user, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ImapFolderOutcome> DeleteFolderAsync(ImapUser user, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ImapFolderOutcome> RenameFolderAsync(ImapUser user, string from, string to, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ImapFolderOutcome> SetSubscribedAsync(ImapUser user, string name, bool subscribed, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ImapFolderStatus?> GetStatusAsync(ImapUser user, string name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ImapMailboxSnapshot?> OpenAsync(ImapUser user, string name, CancellationToken cancellationToken) =>
        Task.FromResult<ImapMailboxSnapshot?>(new ImapMailboxSnapshot(1, "INBOX", ImapSpecialUse.None, 1, (uint)_uids.Length + 1, _highest, [.. _uids], 0, null, []));

    public Task<ImapFolderChanges?> GetChangesAsync(ImapUser user, long folderId, ulong sinceModSeq, CancellationToken cancellationToken) =>
        Task.FromResult<ImapFolderChanges?>(new ImapFolderChanges([], [], (uint)_uids.Length + 1, _highest));

#pragma warning disable CS1998 // answers at once, on purpose
    public async IAsyncEnumerable<ImapMessageData> FetchAsync(ImapUser user, long folderId, IReadOnlyList<uint> uids, ImapFetchParts parts, [EnumeratorCancellation] CancellationToken cancellationToken)
#pragma warning restore CS1998
    {
        foreach (var uid in uids)
        {
            var i = (int)uid - 1;
            var content = _content[i];
            yield return new ImapMessageData(uid, _modSeq[i], _flags[i], new DateTimeOffset(2025, 6, 3, 10, 15, 0, TimeSpan.FromHours(9)), content.Length,
                (parts & (ImapFetchParts.Header | ImapFetchParts.Envelope)) != 0 ? content.AsMemory(0, _headerLength[i]) : null,
                (parts & ImapFetchParts.Content) != 0 ? content : (ReadOnlyMemory<byte>?)null);
        }
    }

    public Task<ImapStoreOutcome> StoreFlagsAsync(ImapUser user, long folderId, IReadOnlyList<uint> uids, ImapFlagOperation operation, IReadOnlyList<string> flags, ulong? unchangedSince, CancellationToken cancellationToken)
    {
        var changed = new List<ImapMessageFlags>();
        foreach (var uid in uids)
        {
            var i = (int)uid - 1;
            _flags[i] = operation switch
            {
                ImapFlagOperation.Add => [.. _flags[i].Union(flags)],
                ImapFlagOperation.Remove => [.. _flags[i].Except(flags)],
                _ => [.. flags],
            };
            _modSeq[i] = ++_highest;
            changed.Add(new ImapMessageFlags(uid, _modSeq[i], _flags[i]));
        }

        return Task.FromResult(new ImapStoreOutcome(changed, []));
    }

    public Task<ImapCopyOutcome?> CopyAsync(ImapUser user, long folderId, IReadOnlyList<uint> uids, string target, bool move, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<uint>> ExpungeAsync(ImapUser user, long folderId, IReadOnlyList<uint>? uids, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ImapAppendOutcome?> AppendAsync(ImapUser user, string folder, ReadOnlyMemory<byte> content, IReadOnlyList<string> flags, DateTimeOffset? internalDate, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    // The store would answer from its subject column; here the reference evaluator runs over summary rows.
    public Task<IReadOnlyList<uint>> SearchAsync(ImapUser user, long folderId, SearchKey key, CancellationToken cancellationToken)
    {
        var found = new List<uint>();
        for (var i = 0; i < _uids.Length; i++)
        {
            var row = new SearchRow(_uids[i], _modSeq[i], _flags[i], DateTimeOffset.UnixEpoch, _content[i].Length, _subjects[i], null, null, null, key.NeedsContent ? _content[i] : null);
            if (SearchEvaluator.Matches(key, row))
            {
                found.Add(_uids[i]);
            }
        }

        return Task.FromResult<IReadOnlyList<uint>>(found);
    }

    public IDisposable Watch(ImapUser user, Action<long?> changed) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
