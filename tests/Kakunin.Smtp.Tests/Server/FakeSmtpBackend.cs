using System.Collections.Concurrent;
using System.Text;
using Kakunin.Protocol;
using Kakunin.Smtp.Server;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>
/// A hand-written backend: refuses local part "unknown" (550 5.1.1), domain "elsewhere.example" (550 5.7.1) and
/// sender "blocked@…" (550 5.7.1); user alice / secret, user "locked" refused for now (as a throttle would); accepts messages as Q1, Q2… and logs every call as text.
/// </summary>
internal sealed class FakeSmtpBackend : ISmtpBackend
{
    private int _queued;

    public ConcurrentQueue<string> Log { get; } = new();

    public ConcurrentQueue<(SmtpEnvelope Envelope, byte[] Content, SmtpSessionInfo Session)> Messages { get; } = new();

    public ValueTask<SmtpAuthResult> AuthenticateAsync(SmtpSessionInfo session, string userName, string password, CancellationToken cancellationToken)
    {
        if (userName == "locked")
        {
            Log.Enqueue($"AUTH {userName} refused");
            return ValueTask.FromResult(SmtpAuthResult.Refused);
        }

        var ok = userName == "alice" && password == "secret";
        Log.Enqueue($"AUTH {userName} {(ok ? "ok" : "failed")}");
        return ValueTask.FromResult(ok ? SmtpAuthResult.Accepted("alice") : SmtpAuthResult.Wrong);
    }

    public ValueTask<SmtpReply?> CheckSenderAsync(SmtpSessionInfo session, MailFromCommand mailFrom, CancellationToken cancellationToken)
    {
        Log.Enqueue(Describe(mailFrom));
        var refused = mailFrom.ReversePath.Mailbox?.LocalPart == "blocked" ? new SmtpReply(550, EnhancedStatusCodes.DeliveryNotAuthorized, "Sender refused") : null;
        return ValueTask.FromResult(refused);
    }

    public ValueTask<SmtpReply?> CheckRecipientAsync(SmtpSessionInfo session, MailFromCommand mailFrom, RcptToCommand recipient, CancellationToken cancellationToken)
    {
        Log.Enqueue(Describe(recipient));
        var mailbox = recipient.ForwardPath.Mailbox;
        SmtpReply? reply = mailbox?.LocalPart == "unknown" ? SmtpReplies.UnknownUser
            : mailbox?.Domain == "elsewhere.example" ? SmtpReplies.RelayDenied
            : null;
        return ValueTask.FromResult(reply);
    }

    public async ValueTask<SmtpReply> AcceptMessageAsync(SmtpSessionInfo session, SmtpEnvelope envelope, Stream content, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        var bytes = copy.ToArray();
        Messages.Enqueue((envelope, bytes, session));
        var text = Encoding.UTF8.GetString(bytes);
        var body = text[HeaderEnd(text)..];
        Log.Enqueue($"MESSAGE {envelope.Recipients.Count} {Escape(body)}");
        return SmtpReplies.MessageAccepted($"Q{Interlocked.Increment(ref _queued)}");
    }

    // The end of the Received header: the first CRLF not followed by a tab.
    private static int HeaderEnd(string text)
    {
        for (var i = 0; i + 2 <= text.Length; i++)
        {
            if (text[i] == '\r' && text[i + 1] == '\n' && (i + 2 == text.Length || text[i + 2] != '\t'))
            {
                return i + 2;
            }
        }

        return text.Length;
    }

    private static string Escape(string s) => s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Describe(MailFromCommand m)
    {
        var sb = new StringBuilder($"MAIL {m.ReversePath}");
        if (m.Size is { } size)
        {
            sb.Append($" SIZE={size}");
        }

        if (m.Body is { } body)
        {
            sb.Append($" BODY={body}");
        }

        if (m.Return is { } ret)
        {
            sb.Append($" RET={ret}");
        }

        if (m.EnvelopeId is { } envid)
        {
            sb.Append($" ENVID={envid}");
        }

        if (m.SmtpUtf8)
        {
            sb.Append(" SMTPUTF8");
        }

        return sb.ToString();
    }

    private static string Describe(RcptToCommand r)
    {
        var sb = new StringBuilder($"RCPT {r.ForwardPath}");
        if (r.Notify is { } notify)
        {
            sb.Append($" NOTIFY={notify}".Replace(" ", string.Empty, StringComparison.Ordinal).Replace("NOTIFY", " NOTIFY", StringComparison.Ordinal));
        }

        if (r.OriginalRecipientParameter is { } orcpt)
        {
            sb.Append($" ORCPT={orcpt}");
        }

        return sb.ToString();
    }
}
