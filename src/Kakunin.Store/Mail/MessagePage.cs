namespace Kakunin.Store.Mail;

/// <summary>One page of a folder list, newest first.</summary>
/// <param name="Page">1-based page number.</param>
public sealed record MessagePage(IReadOnlyList<MessageListItem> Items, long Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (int)((Total + PageSize - 1) / PageSize);
}
