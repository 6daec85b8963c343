namespace Kakunin.Protocol;

/// <summary>
/// The RCPT TO NOTIFY parameter (RFC 3461 §4.1): <c>NEVER</c>, or any of SUCCESS, FAILURE,
/// DELAY. <see cref="Never"/> is never combined with the others.
/// </summary>
[Flags]
public enum DsnNotify
{
    None = 0,
    Never = 1,
    Success = 2,
    Failure = 4,
    Delay = 8,
}
