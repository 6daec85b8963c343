using Kakunin.Imap.Search;
using Kakunin.Store.Imap;

namespace Kakunin.Web.Imap;

/// <summary>
/// What of each message a SEARCH key looks at (<see cref="SearchEvaluator"/>), so the store reads only those columns:
/// a SUBJECT search reads the UID and the subject, not the flags, dates and sizes of 100,000 rows. FROM and TO need the
/// header (<see cref="SearchAddresses"/>), not the whole message; only other header fields, TEXT and BODY need the bytes.
/// </summary>
public static class SearchNeeds
{
    public static SearchColumns Of(SearchKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key switch
        {
            AndKey a => a.Keys.Aggregate(SearchColumns.None, (all, k) => all | Of(k)),
            OrKey o => Of(o.Left) | Of(o.Right),
            NotKey n => Of(n.Inner),
            FlagKey => SearchColumns.Flags,
            DateKey d => d.SentDate ? SearchColumns.SentDate : SearchColumns.InternalDate,
            SizeKey => SearchColumns.Size,
            ModSeqKey => SearchColumns.ModSeq,
            HeaderKey h when h.Field.Equals("Subject", StringComparison.OrdinalIgnoreCase) => SearchColumns.Subject,
            HeaderKey h when !h.NeedsContent => SearchColumns.Header, // From, To: names and addresses from the header
            { NeedsContent: true } => SearchColumns.Content,
            _ => SearchColumns.None, // ALL, UID (the UID is always read)
        };
    }
}
