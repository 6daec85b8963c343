using System.Text.Json;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Analysis.Recognisers;

/// <summary>
/// Amazon SES notifications delivered as mail (SNS e-mail subscriptions): a JSON object with
/// notificationType Bounce / Delivery / Complaint, bouncedRecipients[] (emailAddress, action,
/// status, diagnosticCode), delivery.recipients[] with smtpResponse, complaint.complainedRecipients[].
/// </summary>
internal sealed class AmazonSesRecogniser : IReportRecogniser
{
    private const int MaxJsonChars = 1024 * 1024;

    public string Format => "amazonses";

    public RecognisedReport? TryRecognise(ReportContext context)
    {
        var text = context.BodyText;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start || end - start > MaxJsonChars || !text.Contains("notificationType", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            // Mail transport may have wrapped the JSON line; line breaks are never meaningful inside it.
            var json = text[start..(end + 1)].Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Message", out var wrapped) && wrapped.ValueKind == JsonValueKind.String)
            {
                using var inner = JsonDocument.Parse(wrapped.GetString()!, new JsonDocumentOptions { MaxDepth = 32 });
                return Read(inner.RootElement);
            }

            return Read(root);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RecognisedReport? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = Str(root, "notificationType") ?? Str(root, "eventType");
        var messageId = root.TryGetProperty("mail", out var mail) && mail.ValueKind == JsonValueKind.Object
            ? (mail.TryGetProperty("commonHeaders", out var common) && common.ValueKind == JsonValueKind.Object ? Str(common, "messageId") : null) ?? Str(mail, "messageId")
            : null;
        var outcomes = new List<RawOutcome>();
        switch (type)
        {
            case "Bounce" when root.TryGetProperty("bounce", out var bounce) && bounce.ValueKind == JsonValueKind.Object:
                var permanent = Str(bounce, "bounceType") == "Permanent";
                var remote = Str(bounce, "reportingMTA");
                foreach (var r in Items(bounce, "bouncedRecipients"))
                {
                    var address = Str(r, "emailAddress");
                    if (address is null)
                    {
                        continue;
                    }

                    var diagnostic = Str(r, "diagnosticCode");
                    outcomes.Add(new RawOutcome(address)
                    {
                        Action = DsnActions.Parse(Str(r, "action")) ?? (permanent ? DsnAction.Failed : DsnAction.Delayed),
                        Status = DsnParser.ReadStatus(Str(r, "status")),
                        ReplyCode = BounceText.ReplyCode(diagnostic),
                        Diagnostic = BounceText.Diagnostic(diagnostic),
                        RemoteMta = BounceText.RemoteMta(diagnostic) ?? remote?.Replace("dsn;", string.Empty, StringComparison.OrdinalIgnoreCase).Trim(),
                        Context = Str(bounce, "bounceSubType"),
                    });
                }

                break;
            case "Delivery" when root.TryGetProperty("delivery", out var delivery) && delivery.ValueKind == JsonValueKind.Object:
                var response = Str(delivery, "smtpResponse");
                foreach (var r in Items(delivery, "recipients"))
                {
                    if (r.ValueKind == JsonValueKind.String && r.GetString() is { } address)
                    {
                        outcomes.Add(new RawOutcome(address)
                        {
                            Action = DsnAction.Delivered,
                            Status = DsnParser.ReadStatus(response),
                            ReplyCode = BounceText.ReplyCode(response),
                            Diagnostic = BounceText.Diagnostic(response),
                            RemoteMta = Str(delivery, "remoteMtaIp") ?? Str(delivery, "reportingMTA"),
                        });
                    }
                }

                break;
            case "Complaint" when root.TryGetProperty("complaint", out var complaint) && complaint.ValueKind == JsonValueKind.Object:
                foreach (var r in Items(complaint, "complainedRecipients"))
                {
                    if (Str(r, "emailAddress") is { } address)
                    {
                        outcomes.Add(new RawOutcome(address) { Reason = BounceReason.Feedback });
                    }
                }

                return new RecognisedReport(ReportKind.Feedback, outcomes)
                {
                    FeedbackType = Str(complaint, "complaintFeedbackType") ?? "abuse",
                    OriginalMessageId = ReportAnalyzer.StripAngles(messageId),
                };
            default:
                return null;
        }

        return outcomes.Count == 0 ? null : new RecognisedReport(ReportKind.Dsn, outcomes) { OriginalMessageId = ReportAnalyzer.StripAngles(messageId) };
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<JsonElement> Items(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray()] : [];
}
