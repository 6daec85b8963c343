using System.Net;

namespace Kakunin.Smtp.Server;

/// <summary>What the backend may know about the session a command came in on.</summary>
/// <param name="SessionId">A short id for logs, unique per process run.</param>
/// <param name="Listener">Which kind of port the client connected to.</param>
/// <param name="RemoteEndPoint">The client's address.</param>
/// <param name="HeloName">The name the client gave in EHLO/HELO.</param>
/// <param name="IsTls">Whether the connection is encrypted (STARTTLS done, or implicit TLS).</param>
/// <param name="AuthenticatedUser">The user name from a successful AUTH, else null.</param>
public sealed record SmtpSessionInfo(
    string SessionId,
    ListenerKind Listener,
    IPEndPoint? RemoteEndPoint,
    string? HeloName,
    bool IsTls,
    string? AuthenticatedUser);
