namespace Kakunin.Reports.Receipts;

/// <summary>A reader's standing choice for one kind of request (Thunderbird-style).</summary>
public enum ReceiptChoice
{
    /// <summary>Ask each time (the default).</summary>
    Ask,

    /// <summary>Send a receipt without asking, where the rules allow it.</summary>
    Always,

    /// <summary>Never send.</summary>
    Never,
}
