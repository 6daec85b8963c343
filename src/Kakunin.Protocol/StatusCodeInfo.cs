namespace Kakunin.Protocol;

/// <summary>
/// One entry of the IANA "Enumerated Status Codes" registry (RFC 5248 §2.3): the
/// <c>subject.detail</c> pair, the registry's short title, Kakunin's own one-sentence meaning in
/// English and Japanese, the classes it may be used with and the document that defined it.
/// </summary>
/// <param name="Subject">The subject sub-code, e.g. 1 in X.1.1.</param>
/// <param name="Detail">The detail sub-code, e.g. 1 in X.1.1.</param>
/// <param name="Title">The registry's sample text, e.g. "Bad destination mailbox address".</param>
/// <param name="MeaningEn">What the code means, in Kakunin's own English words.</param>
/// <param name="MeaningJa">What the code means, in Japanese.</param>
/// <param name="AllowedClasses">The classes the code is meant to be used with.</param>
/// <param name="DefinedBy">The defining document(s), e.g. "RFC 3463" or "RFC 7505, RFC 7504".</param>
/// <param name="Deprecated">True when the registry marks the code deprecated (X.6.10).</param>
public sealed record StatusCodeInfo(
    int Subject,
    int Detail,
    string Title,
    string MeaningEn,
    string MeaningJa,
    StatusClasses AllowedClasses,
    string DefinedBy,
    bool Deprecated = false)
{
    /// <summary>The code in the registry's notation, e.g. "X.1.1".</summary>
    public string Pattern => $"X.{Subject}.{Detail}";

    /// <summary>The meaning in the given language ("ja" for Japanese, anything else English).</summary>
    public string Meaning(string language) => StatusLanguage.IsJapanese(language) ? MeaningJa : MeaningEn;

    /// <summary>True when <paramref name="statusClass"/> (2, 4 or 5) is one this code allows.</summary>
    public bool Allows(int statusClass) => (AllowedClasses & StatusClassFlags.For(statusClass)) != 0;
}
