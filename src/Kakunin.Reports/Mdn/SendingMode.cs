namespace Kakunin.Reports.Mdn;

/// <summary>The sending mode of a disposition (RFC 8098 §3.2.6.1).</summary>
public enum SendingMode
{
    /// <summary>"MDN-sent-manually": the user explicitly allowed this particular MDN.</summary>
    SentManually,

    /// <summary>"MDN-sent-automatically": sent because the MUA was configured to do so.</summary>
    SentAutomatically,
}
