using System.Text;

namespace Kakunin.Reports.Mdn;

/// <summary>Writes the fields of a disposition notification (RFC 8098 §3.1 ABNF order).</summary>
internal static class MdnFieldWriter
{
    public static string Write(DispositionNotification n)
    {
        var sb = new StringBuilder();
        // RFC 8098 §3.1: the recommended order of the fields.
        if (n.ReportingUa is not null)
        {
            Line(sb, "Reporting-UA", n.ReportingUa.ToString());
        }

        if (n.MdnGateway is not null)
        {
            Line(sb, "MDN-Gateway", n.MdnGateway.ToString());
        }

        if (n.OriginalRecipient is not null)
        {
            Line(sb, "Original-Recipient", n.OriginalRecipient.ToString());
        }

        Line(sb, "Final-Recipient", n.FinalRecipient.ToString());
        if (n.OriginalMessageId is not null)
        {
            Line(sb, "Original-Message-ID", n.OriginalMessageId);
        }

        Line(sb, "Disposition", n.Disposition.ToString());
        foreach (var error in n.Errors)
        {
            Line(sb, "Error", error);
        }

        foreach (var field in n.Extensions)
        {
            Line(sb, field.Name, field.Value);
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string name, string value)
    {
        if (FieldText.HasLineBreakOrNul(name) || FieldText.HasLineBreakOrNul(value))
        {
            throw new ArgumentException($"The {name} field would break the report: it holds a line break or NUL.");
        }

        sb.Append(name).Append(": ").Append(value).Append("\r\n");
    }
}
