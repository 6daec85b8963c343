namespace Kakunin.Web.Ui.Folders;

/// <summary>One entry of the folder list: the folder's stored name (as in Kakunin.Store.MailFolders) and its unread count.</summary>
public sealed record FolderSummary(string Name, int Unread);
