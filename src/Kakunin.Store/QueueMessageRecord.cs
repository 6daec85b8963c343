using Kakunin.Protocol;

namespace Kakunin.Store;

/// <summary>A queued message's envelope (the bytes are read separately).</summary>
/// <param name="MayBeReport">Set at acceptance: the message could be a report coming back (<see cref="NewQueueMessage.MayBeReport"/>).</param>
public sealed record QueueMessageRecord(
    long Id,
    string QueueId,
    string ReversePath,
    string? EnvelopeId,
    DsnReturn? Return,
    BodyType? Body,
    bool SmtpUtf8,
    string? AuthenticatedUser,
    bool SenderVerified,
    bool IsReport,
    DateTimeOffset ReceivedAt,
    long Size,
    string State,
    bool MayBeReport = true)
{
    /// <summary>True for the null reverse-path <c>&lt;&gt;</c>.</summary>
    public bool HasNullReversePath => ReversePath.Length == 0;
}
