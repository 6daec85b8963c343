namespace Kakunin.Reports.Receipts;

/// <summary>What an administrator imposes above the reader's own policy.</summary>
public enum AdministratorOverride
{
    /// <summary>The reader's policy applies.</summary>
    None,

    /// <summary>Read receipts are disabled for this organisation.</summary>
    Disabled,

    /// <summary>Never send a read receipt to an address outside the organisation.</summary>
    NeverOutsideOrganisation,

    /// <summary>Receipts may be sent, but never without asking the reader.</summary>
    AlwaysAsk,
}
