namespace Kakunin.Store.Search;

/// <summary>
/// One message found by <see cref="MessageSearch"/>: where it is, who sent it, and its subject and a piece of its body
/// with the matches between <see cref="SearchMarkers.Start"/> and <see cref="SearchMarkers.End"/>.
/// </summary>
public sealed record SearchHit(long Id, string Folder, string? From, string Subject, string Snippet, DateTimeOffset When);
