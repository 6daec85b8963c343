namespace Kakunin.Authentication;

/// <summary>
/// What the server does with the checks of incoming mail, bound from the "Kakunin:Authentication" configuration
/// section (appsettings.json, KAKUNIN__AUTHENTICATION__DMARCREJECT=Quarantine, --Kakunin:Authentication:… options).
/// </summary>
public sealed class AuthenticationOptions
{
    public const string Section = "Kakunin:Authentication";

    /// <summary>Check SPF, DKIM, DMARC and ARC on mail from other servers (default on). Off: the field records only who submitted.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What a DMARC failure whose domain asks p=reject gets (default: refused with 550 5.7.1 at end of DATA).</summary>
    public DmarcEnforcement DmarcReject { get; set; } = DmarcEnforcement.Reject;

    /// <summary>
    /// Refuse mail from other servers whose From or MAIL FROM is one of our own domains unless SPF or DKIM passes for
    /// it (default on): our users send through submission, so such mail is forged.
    /// </summary>
    public bool RefuseLocalDomainSpoofing { get; set; } = true;

    /// <summary>The Public Suffix List file; empty: Debian's /usr/share/publicsuffix/public_suffix_list.dat.</summary>
    public string? PublicSuffixList { get; set; }

    /// <summary>Time for one DNS answer (default 3 s); then one retry, then temperror.</summary>
    public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The whole SPF evaluation's time (RFC 7208 §4.6.4: at least 20 s).</summary>
    public TimeSpan SpfDeadline { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>What to do with mail that fails DMARC (RFC 7489 §6.6.4, §10.3: the receiver decides).</summary>
public enum DmarcEnforcement
{
    /// <summary>p=reject: refused at end of DATA (550 5.7.1); p=quarantine: into the Junk folder.</summary>
    Reject,

    /// <summary>p=reject and p=quarantine: into the Junk folder when the recipient has one, else accepted with the result recorded.</summary>
    Quarantine,

    /// <summary>Accepted with the result recorded in Authentication-Results, nothing more.</summary>
    Off,
}
