namespace Kakunin.Protocol;

/// <summary>
/// The classes (first digit) an enhanced status code may be used with. The IANA registry
/// (RFC 5248 §2.3) records only associated basic reply codes and descriptions; Kakunin derives
/// this set from those, and from RFC 3463 §3 sentences such as "useful only as a permanent error".
/// </summary>
[Flags]
public enum StatusClasses
{
    None = 0,

    /// <summary>Class 2, success.</summary>
    Success = 1,

    /// <summary>Class 4, persistent transient failure.</summary>
    Transient = 2,

    /// <summary>Class 5, permanent failure.</summary>
    Permanent = 4,

    /// <summary>Both failure classes, 4 and 5.</summary>
    Failure = Transient | Permanent,

    /// <summary>Every class: 2, 4 and 5.</summary>
    Any = Success | Transient | Permanent,
}
