namespace Kakunin.Store.Security;

/// <summary>Which count refused an attempt.</summary>
public enum AuthRefusal
{
    None,
    Account,
    Address,
}
