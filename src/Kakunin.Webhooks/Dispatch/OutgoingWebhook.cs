namespace Kakunin.Webhooks.Dispatch;

/// <summary>A claimed delivery with its event's id and JSON body (read and serialised once per pass for all its endpoints).</summary>
internal sealed record OutgoingWebhook(DueDelivery Delivery, string EventId, byte[] Body);
