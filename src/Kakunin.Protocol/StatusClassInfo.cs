namespace Kakunin.Protocol;

/// <summary>A class sub-code (RFC 3463 §3.1, IANA "Class Sub-Codes"): 2, 4 or 5.</summary>
public sealed record StatusClassInfo(int Class, string Title, string MeaningEn, string MeaningJa)
{
    public string Meaning(string language) => StatusLanguage.IsJapanese(language) ? MeaningJa : MeaningEn;
}
