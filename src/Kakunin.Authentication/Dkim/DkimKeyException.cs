namespace Kakunin.Authentication.Dkim;

/// <summary>
/// No usable public key for a signature: <see cref="Temporary"/> when DNS failed (RFC 6376 §6.1.2 TEMPFAIL, written
/// as temperror), else the key record is missing or unusable (PERMFAIL, written as permerror).
/// </summary>
public sealed class DkimKeyException : Exception
{
    public DkimKeyException() { }

    public DkimKeyException(string message) : base(message) { }

    public DkimKeyException(string message, Exception inner) : base(message, inner) { }

    public DkimKeyException(string message, bool temporary, Exception? inner = null) : base(message, inner) => Temporary = temporary;

    public bool Temporary { get; }
}
