using Kakunin.Mail.Compose;
using Kakunin.Protocol;
using MimeKit;

namespace Kakunin.Web.Api;

/// <summary>What a valid send request becomes: the compose request of the webmail's path and the envelope's DSN choices.</summary>
public sealed record SendPlan(Sender Sender, ComposeRequest Compose, DsnNotify? Notify, DsnReturn Ret, string? EnvelopeId);

/// <summary>
/// Checks a <see cref="SendMessageRequest"/> before anything is composed. Every text that ends up in a header field
/// or the envelope must be free of control characters: a CR or LF there would start a new header field or SMTP
/// command (header injection; RFC 5322 §2.2, RFC 5321 §2.3.8), so it is refused (400), never cleaned up.
/// </summary>
public static class SendMessageCheck
{
    /// <summary>RFC 3461 §4.4.</summary>
    public const int MaxEnvelopeIdLength = 100;

    public sealed record Field(string Name, string Problem);

    /// <summary>The plan, or the problems (field, what is wrong) when there are any.</summary>
    public static (SendPlan? Plan, IReadOnlyList<Field> Problems, bool HeaderInjection) Check(SendMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<Field>();
        var injection = false;

        void NoControls(string field, string? text)
        {
            if (text is not null && text.Any(char.IsControl))
            {
                injection |= text.Contains('\r') || text.Contains('\n');
                problems.Add(new(field, "has a control character (CR, LF or other); header fields and addresses may not contain one"));
            }
        }

        MailboxAddress? Mailbox(string field, ApiAddress? address)
        {
            if (address is null)
            {
                problems.Add(new(field, "is null; an object with \"address\" is needed"));
                return null;
            }

            NoControls(field + ".address", address.Address);
            NoControls(field + ".name", address.Name);
            if (address.Address.Any(char.IsControl) || address.Name?.Any(char.IsControl) == true)
            {
                return null;
            }

            var (parsed, invalid) = AddressInput.Parse(address.Address);
            if (parsed.Count != 1 || invalid.Count > 0 || parsed[0].Name is { Length: > 0 })
            {
                problems.Add(new(field + ".address", $"'{address.Address}' is not one address (local-part@domain; put a display name in \"name\")"));
                return null;
            }

            return new MailboxAddress(string.IsNullOrWhiteSpace(address.Name) ? null : address.Name.Trim(), parsed[0].Address);
        }

        List<MailboxAddress> List(string field, IReadOnlyList<ApiAddress>? list) =>
            [.. (list ?? []).Select((a, i) => Mailbox($"{field}[{i}]", a)).OfType<MailboxAddress>()];

        var from = Mailbox("from", request.From);
        var to = List("to", request.To);
        var cc = List("cc", request.Cc);
        var bcc = List("bcc", request.Bcc);
        if ((request.To?.Count ?? 0) + (request.Cc?.Count ?? 0) + (request.Bcc?.Count ?? 0) == 0)
        {
            problems.Add(new("to", "no recipient: give at least one in to, cc or bcc"));
        }

        NoControls("subject", request.Subject);
        var attachments = new List<Attachment>();
        foreach (var (attachment, i) in (request.Attachments ?? []).Select((a, i) => (a, i)))
        {
            NoControls($"attachments[{i}].filename", attachment.Filename);
            NoControls($"attachments[{i}].content_type", attachment.ContentType);
            if (attachment.ContentType is { } type && !ContentType.TryParse(type, out _))
            {
                problems.Add(new($"attachments[{i}].content_type", $"'{type}' is not a MIME type (type/subtype)"));
            }

            var bytes = new byte[attachment.Content.Length * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(attachment.Content, bytes, out var length))
            {
                problems.Add(new($"attachments[{i}].content", "is not base64 (RFC 4648 §4)"));
                continue;
            }

            attachments.Add(new Attachment(attachment.Filename, attachment.ContentType ?? "application/octet-stream", bytes.AsMemory(0, length)));
        }

        var (notify, ret, envid) = Receipt(request.DeliveryReceipt, problems, NoControls);
        if (problems.Count > 0 || from is null)
        {
            return (null, problems, injection);
        }

        // The webmail's rule for HTML that leaves (OutgoingHtml), and a text part rendered from it when none is given.
        var body = RichBody.FromApi(request.Text, request.Html);
        var compose = new ComposeRequest(
            Join(to), Join(cc), Join(bcc), request.Subject ?? string.Empty, body.Text,
            RequestDeliveryReceipt: false, request.ReadReceipt, attachments, HtmlBody: body.Html);
        return (new SendPlan(new Sender(from.Address, from.Name), compose, notify, ret, envid), problems, false);
    }

    private static (DsnNotify? Notify, DsnReturn Ret, string? EnvelopeId) Receipt(DeliveryReceiptRequest? receipt, List<Field> problems, Action<string, string?> noControls)
    {
        if (receipt is null)
        {
            return (null, DsnReturn.Headers, null);
        }

        DsnNotify? notify = null;
        if (receipt.Notify is { Count: > 0 } words)
        {
            var value = DsnNotify.None;
            foreach (var word in words)
            {
                value |= word?.ToUpperInvariant() switch
                {
                    "NEVER" => DsnNotify.Never,
                    "SUCCESS" => DsnNotify.Success,
                    "FAILURE" => DsnNotify.Failure,
                    "DELAY" => DsnNotify.Delay,
                    _ => Invalid(problems, "delivery_receipt.notify", $"'{word}' is not a NOTIFY word (NEVER, SUCCESS, FAILURE, DELAY)"),
                };
            }

            // RFC 3461 §4.1: NEVER may not be combined with any other word.
            if (value.HasFlag(DsnNotify.Never) && value != DsnNotify.Never)
            {
                problems.Add(new("delivery_receipt.notify", "NEVER cannot be combined with SUCCESS, FAILURE or DELAY (RFC 3461 §4.1)"));
            }

            notify = value;
        }

        var ret = receipt.Ret?.ToUpperInvariant() switch
        {
            null or "HDRS" => DsnReturn.Headers,
            "FULL" => DsnReturn.Full,
            _ => Invalid(problems, "delivery_receipt.ret", $"'{receipt.Ret}' is not HDRS or FULL (RFC 3461 §4.3)", DsnReturn.Headers),
        };
        noControls("delivery_receipt.envid", receipt.Envid);
        if (receipt.Envid is { } envid && (envid.Length is 0 or > MaxEnvelopeIdLength || envid.Any(c => c is < '!' or > '~')))
        {
            problems.Add(new("delivery_receipt.envid", $"must be 1 to {MaxEnvelopeIdLength} printable ASCII characters without spaces (RFC 3461 §4.4)"));
        }

        return (notify, ret, receipt.Envid);
    }

    private static DsnNotify Invalid(List<Field> problems, string field, string problem) => Invalid(problems, field, problem, DsnNotify.None);

    private static T Invalid<T>(List<Field> problems, string field, string problem, T value)
    {
        problems.Add(new(field, problem));
        return value;
    }

    // Rendered by MimeKit (display names quoted or encoded as RFC 5322 and RFC 2047 need) and read back by the
    // compose path's AddressInput, exactly as the webmail's typed fields are.
    private static string Join(List<MailboxAddress> list) => string.Join(", ", list.Select(m => m.ToString(true)));
}
