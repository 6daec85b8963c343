using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Kakunin.Protocol;

/// <summary>
/// The IANA SMTP Enhanced Status Codes registry (RFC 5248) as data: look up a code's title and
/// meaning in English or Japanese, and describe unregistered codes by their subject and class.
/// </summary>
public static class EnhancedStatusCodeRegistry
{
    private static readonly FrozenDictionary<(int Subject, int Detail), StatusCodeInfo> BySubjectDetail =
        EnhancedStatusCodeTable.Codes.ToFrozenDictionary(c => (c.Subject, c.Detail));

    /// <summary>Every enumerated code, X.0.0 to X.7.30, in registry order.</summary>
    public static IReadOnlyList<StatusCodeInfo> Entries { get; } = EnhancedStatusCodeTable.Codes;

    /// <summary>The subject sub-codes X.0 to X.7.</summary>
    public static IReadOnlyList<StatusSubjectInfo> Subjects { get; } = EnhancedStatusCodeTable.Subjects;

    /// <summary>The class sub-codes 2, 4 and 5.</summary>
    public static IReadOnlyList<StatusClassInfo> Classes { get; } = EnhancedStatusCodeTable.Classes;

    /// <summary>Finds the registry entry for the code's subject and detail, whatever its class.</summary>
    public static bool TryGet(EnhancedStatusCode code, [NotNullWhen(true)] out StatusCodeInfo? info) =>
        BySubjectDetail.TryGetValue((code.Subject, code.Detail), out info);

    public static bool TryGetSubject(int subject, [NotNullWhen(true)] out StatusSubjectInfo? info)
    {
        info = subject >= 0 && subject < Subjects.Count ? Subjects[subject] : null;
        return info is not null;
    }

    public static bool TryGetClass(int statusClass, [NotNullWhen(true)] out StatusClassInfo? info)
    {
        info = Classes.FirstOrDefault(c => c.Class == statusClass);
        return info is not null;
    }

    /// <summary>
    /// True when the code is registered and its class is one the entry is meant for
    /// (e.g. 5.1.1 yes, 2.1.1 no).
    /// </summary>
    public static bool IsRegisteredForClass(EnhancedStatusCode code) =>
        TryGet(code, out var info) && info.Allows(code.Class);

    /// <summary>
    /// A one-sentence meaning of <paramref name="code"/> in <paramref name="language"/> ("ja" or
    /// English otherwise). An unregistered detail falls back to its subject's meaning, and an
    /// unregistered subject to its class's meaning (RFC 3463 §2: a client that does not know the
    /// detail can still use the subject and class).
    /// </summary>
    public static string Describe(EnhancedStatusCode code, string language = "en")
    {
        if (TryGet(code, out var info))
        {
            return info.Meaning(language);
        }

        if (TryGetSubject(code.Subject, out var subject))
        {
            return subject.Meaning(language);
        }

        return TryGetClass(code.Class, out var statusClass)
            ? statusClass.Meaning(language)
            : (StatusLanguage.IsJapanese(language) ? "不明なステータスコードです。" : "Unknown status code.");
    }
}
