namespace Kakunin.Store.Mail;

/// <summary>A folder of a user with how many messages it holds and how many are unread.</summary>
public sealed record FolderCount(string Name, long Total, long Unread);
