namespace Kakunin.Reports.Mdn;

/// <summary>The action mode of a disposition (RFC 8098 §3.2.6.1).</summary>
public enum ActionMode
{
    /// <summary>"manual-action": the result of an explicit instruction by the user (the default for MUAs).</summary>
    ManualAction,

    /// <summary>"automatic-action": the result of an automatic action, not of the user's instruction for this message.</summary>
    AutomaticAction,
}
