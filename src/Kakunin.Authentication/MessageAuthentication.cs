using Kakunin.Protocol;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;

namespace Kakunin.Authentication;

/// <summary>
/// What this server found when it received a message: who submitted it, SPF, each DKIM signature, DMARC and ARC.
/// Written once into the message as the topmost Authentication-Results field under this server's authserv-id
/// (RFC 8601), and read back from there by whoever needs it later (report provenance, the backscatter rule), so
/// the evidence travels with the stored bytes. Fields with our authserv-id that arrived from outside are removed
/// before ours is added (RFC 8601 §5), so the one found is always ours.
/// </summary>
public sealed record MessageAuthentication(
    string AuthservId,
    string? AuthenticatedUser,
    SpfCheck? Spf,
    IReadOnlyList<DkimCheck> Dkim,
    DmarcCheck? Dmarc,
    AuthResult Arc = AuthResult.None)
{
    public const string HeaderName = "Authentication-Results";

    /// <summary>True when a signed-in user (SMTP AUTH) or a trusted network submitted the message.</summary>
    public bool Submitted => AuthenticatedUser is not null;

    /// <summary>
    /// True when the message is vouched for by <paramref name="domain"/>: a DKIM pass whose d= is aligned with it,
    /// or an SPF pass whose domain is aligned with it (relaxed alignment, RFC 7489 §3.1: same organizational domain).
    /// </summary>
    public bool Vouches(string domain, IOrganizationalDomains organizational)
    {
        ArgumentNullException.ThrowIfNull(organizational);
        var wanted = organizational.Of(domain);
        bool Aligned(string d) => string.Equals(organizational.Of(d), wanted, StringComparison.OrdinalIgnoreCase);
        if (Dkim.Any(d => d.Result == AuthResult.Pass && Aligned(d.Domain))) return true;
        return Spf is { Result: AuthResult.Pass } spf && Aligned(spf.Domain);
    }

    /// <summary>The field value (without the name), e.g. <c>mx.example.test; spf=pass smtp.mailfrom=a.test; dkim=pass header.d=a.test</c>.</summary>
    public string ToHeaderValue()
    {
        var results = new AuthenticationResults(AuthservId);
        if (AuthenticatedUser is not null)
            results.Results.Add(Method("auth", AuthResult.Pass, ("smtp", "auth", AuthenticatedUser)));
        if (Spf is not null)
            results.Results.Add(Method("spf", Spf.Result, ("smtp", Spf.Scope, Spf.Domain)));
        foreach (var d in Dkim)
        {
            var m = Method("dkim", d.Result, ("header", "d", d.Domain));
            if (d.Selector is not null) m.Properties.Add(new AuthenticationMethodProperty("header", "s", d.Selector));
            if (d.Algorithm is not null) m.Properties.Add(new AuthenticationMethodProperty("header", "a", d.Algorithm));
            results.Results.Add(m);
        }
        if (Dmarc is not null)
        {
            var m = Method("dmarc", Dmarc.Result, ("header", "from", Dmarc.FromDomain));
            if (Dmarc.Policy is not null) m.Properties.Add(new AuthenticationMethodProperty("policy", "dmarc", Dmarc.Policy));
            results.Results.Add(m);
        }
        if (Arc != AuthResult.None)
            results.Results.Add(new AuthenticationMethodResult("arc", Arc.Word()));
        if (results.Results.Count == 0)
            return $"{AuthservId}; none"; // RFC 8601 §2.2: "none" when no method was applied
        // MimeKit writes "id;\n\tmethod..." folded for a header; a single line is easier to read back in tests.
        return Unfold(results.ToString());
    }

    /// <summary>
    /// The topmost Authentication-Results field whose authserv-id is <paramref name="authservId"/>, or null when
    /// there is none (mail stored before authentication existed, or written by the server itself).
    /// </summary>
    public static MessageAuthentication? FromHeaders(HeaderList headers, string authservId)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var header in headers)
        {
            if (!header.Field.Equals(HeaderName, StringComparison.OrdinalIgnoreCase)) continue;
            if (!AuthenticationResults.TryParse(header.RawValue, out var parsed)) continue;
            if (!string.Equals(parsed.AuthenticationServiceIdentifier, authservId, StringComparison.OrdinalIgnoreCase)) continue;
            return FromParsed(parsed);
        }
        return null;
    }

    private static MessageAuthentication FromParsed(AuthenticationResults parsed)
    {
        string? user = null;
        SpfCheck? spf = null;
        DmarcCheck? dmarc = null;
        var arc = AuthResult.None;
        var dkim = new List<DkimCheck>();
        foreach (var m in parsed.Results)
        {
            var result = AuthResults.Parse(m.Result);
            string? Prop(string ptype, string name) => m.Properties
                .FirstOrDefault(p => p.PropertyType.Equals(ptype, StringComparison.OrdinalIgnoreCase)
                                     && p.Property.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;
            switch (m.Method.ToLowerInvariant())
            {
                case "auth" when result == AuthResult.Pass:
                    user = Prop("smtp", "auth") ?? "";
                    break;
                case "spf":
                    var mailFrom = Prop("smtp", "mailfrom");
                    spf = mailFrom is not null
                        ? new SpfCheck(result, DomainOf(mailFrom), "mailfrom")
                        : new SpfCheck(result, Prop("smtp", "helo") ?? "", "helo");
                    break;
                case "dkim":
                    dkim.Add(new DkimCheck(result, Prop("header", "d") ?? DomainOf(Prop("header", "i") ?? ""),
                        Prop("header", "s"), Prop("header", "a")));
                    break;
                case "dmarc":
                    dmarc = new DmarcCheck(result, Prop("header", "from") ?? "", Prop("policy", "dmarc"));
                    break;
                case "arc":
                    arc = result;
                    break;
            }
        }
        return new MessageAuthentication(parsed.AuthenticationServiceIdentifier ?? "", user, spf, dkim, dmarc, arc);
    }

    // smtp.mailfrom and header.i may hold a whole address or only a domain (RFC 8601 §2.7.2, §2.7.1).
    private static string DomainOf(string value) =>
        value.Contains('@', StringComparison.Ordinal) ? MailboxIdentity.DomainOf(value) : DomainNames.Canonical(value);

    private static AuthenticationMethodResult Method(string method, AuthResult result, (string Type, string Name, string Value) property)
    {
        var m = new AuthenticationMethodResult(method, result.Word());
        m.Properties.Add(new AuthenticationMethodProperty(property.Type, property.Name, property.Value));
        return m;
    }

    private static string Unfold(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (ch is '\r' or '\n') continue;
            sb.Append(ch == '\t' ? ' ' : ch);
        }
        return sb.ToString();
    }
}
