using Kakunin.Smtp.Client;

namespace Kakunin.Queue;

/// <summary>What a pass did for one recipient: deliver locally (resolved inside the transaction), or the next hop's result.</summary>
/// <param name="RecipientId">The queue recipient.</param>
/// <param name="Remote">The next hop's result; null means local delivery.</param>
internal sealed record RecipientAttempt(long RecipientId, RecipientDeliveryResult? Remote);
