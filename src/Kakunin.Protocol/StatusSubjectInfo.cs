namespace Kakunin.Protocol;

/// <summary>A subject sub-code (RFC 3463 §3, IANA "Subject Sub-Codes"), e.g. X.1 addressing status.</summary>
public sealed record StatusSubjectInfo(int Subject, string Title, string MeaningEn, string MeaningJa)
{
    public string Meaning(string language) => StatusLanguage.IsJapanese(language) ? MeaningJa : MeaningEn;
}
