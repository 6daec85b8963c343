namespace Kakunin.Web.Api;

/// <summary>The answer to <c>POST /api/v1/messages</c>: the ids to read the message's tracking with.</summary>
/// <param name="Id">msg_…: <c>GET /api/v1/messages/{id}</c>, and data.message_id of every event.</param>
/// <param name="InternetMessageId">The Message-ID field, with angle brackets.</param>
/// <param name="Envid">The ENVID the DSNs will carry.</param>
public sealed record SentMessageResponse(string Id, string InternetMessageId, string Envid, string QueueId, IReadOnlyList<SentRecipient> Recipients);

/// <summary>One recipient of a sent message: rcp_… is data.recipient_id of its events.</summary>
public sealed record SentRecipient(string Id, string Address, string State);
