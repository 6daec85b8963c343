namespace Kakunin.Certificates.Acme;

/// <summary>
/// The authority refused, failed or did not answer. The message names the URL and the cause in one sentence (what the
/// renewal log line says); <see cref="ProblemType"/> is the RFC 8555 §6.7 error type when the authority sent one.
/// </summary>
public sealed class AcmeException : Exception
{
    public AcmeException()
    {
    }

    public AcmeException(string message)
        : base(message)
    {
    }

    public AcmeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AcmeException(string message, string? problemType)
        : base(message)
    {
        ProblemType = problemType;
    }

    /// <summary>e.g. "urn:ietf:params:acme:error:badNonce".</summary>
    public string? ProblemType { get; }
}
