namespace Kakunin.Protocol;

/// <summary>The MAIL FROM RET parameter: how much of the message a failure DSN returns (RFC 3461 §4.3).</summary>
public enum DsnReturn
{
    /// <summary><c>RET=FULL</c>: the whole message.</summary>
    Full,

    /// <summary><c>RET=HDRS</c>: the headers only.</summary>
    Headers,
}
