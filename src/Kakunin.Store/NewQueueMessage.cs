using Kakunin.Protocol;

namespace Kakunin.Store;

/// <summary>A message to queue: its envelope, how the sender was known, and its bytes.</summary>
/// <param name="QueueId">The id shown in the 250 reply and in logs.</param>
/// <param name="ReversePath">MAIL FROM address; empty for the null reverse-path.</param>
/// <param name="AuthenticatedUser">The user who submitted it after AUTH, else null.</param>
/// <param name="SenderVerified">Whether the sender is trusted for success/delay DSNs (authenticated, or verified by SPF/DKIM later).</param>
/// <param name="IsReport">A DSN or MDN generated here; never reported on (it also has the null reverse-path).</param>
/// <param name="MayBeReport">
/// Whether the message could be a report coming back (the caller's pre-check of the envelope and header); when
/// false, local delivery stores it as ordinary mail without analysing it. True when unknown.
/// </param>
public sealed record NewQueueMessage(
    string QueueId,
    string ReversePath,
    IReadOnlyList<NewQueueRecipient> Recipients,
    ReadOnlyMemory<byte> Content,
    DateTimeOffset ReceivedAt,
    string? EnvelopeId = null,
    DsnReturn? Return = null,
    BodyType? Body = null,
    bool SmtpUtf8 = false,
    string? AuthenticatedUser = null,
    bool SenderVerified = false,
    bool IsReport = false,
    bool MayBeReport = true);
