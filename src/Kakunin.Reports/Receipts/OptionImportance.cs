namespace Kakunin.Reports.Receipts;

/// <summary>The importance of a Disposition-Notification-Options parameter (RFC 8098 §2.2).</summary>
public enum OptionImportance
{
    /// <summary>"required": interpreting it is necessary to generate the MDN properly.</summary>
    Required,

    /// <summary>"optional": a UA that does not understand it may generate the MDN anyway, ignoring it.</summary>
    Optional,
}
