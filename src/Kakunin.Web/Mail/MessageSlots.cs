namespace Kakunin.Web.Mail;

/// <summary>
/// What the message page hands to its two extension slots (Pages/Mail/_ReceiptSlot.cshtml above the headers,
/// Pages/Mail/_TrackingSlot.cshtml below the body): the read-receipt banner and the Tracking tab live there.
/// </summary>
/// <param name="UserAddress">The signed-in reader (normalised).</param>
/// <param name="MessageId">The stored message's id (scoped to the reader).</param>
/// <param name="Folder">The folder it is in (stored name, e.g. "Sent").</param>
/// <param name="Flags">Its flags as stored, e.g. <c>\Seen $MDNSent</c>; read before the page marked it seen.</param>
public sealed record MessageSlots(string UserAddress, long MessageId, string Folder, string Flags);
