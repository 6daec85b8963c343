namespace Kakunin.Imap.Search;

/// <summary>
/// What <see cref="SearchEvaluator"/> looks at for one message. Subject, From and To are the decoded summary the
/// store keeps; <see cref="Content"/> is set only when the key <see cref="SearchKey.NeedsContent"/>.
/// </summary>
public sealed record SearchRow(
    uint Uid, ulong ModSeq, IReadOnlyList<string> Flags, DateTimeOffset InternalDate, long Size,
    string? Subject, string? From, string? To, DateTimeOffset? SentDate, ReadOnlyMemory<byte>? Content);
