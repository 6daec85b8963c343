namespace Kakunin.Authentication.Spf;

/// <summary>A parsed SPF record: its directives in order, and the redirect and exp modifiers (RFC 7208 §6).</summary>
internal sealed record SpfRecord(IReadOnlyList<SpfDirective> Directives, string? Redirect, string? Explanation)
{
    /// <summary>RFC 7208 §5.1: a redirect is ignored when the record has an "all" mechanism, wherever it stands.</summary>
    public bool HasAll => Directives.Any(d => d.Mechanism == SpfMechanism.All);
}
