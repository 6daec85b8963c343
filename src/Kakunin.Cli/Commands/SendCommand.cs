using System.CommandLine;
using Kakunin.Cli.Send;
using Kakunin.Cli.Settings;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kakunin.Cli.Commands;

/// <summary>
/// <c>kakunin send</c>: a real submission client (MailKit) that can ask for delivery receipts
/// (NOTIFY, RET, ENVID; RFC 3461) and a read receipt (Disposition-Notification-To; RFC 8098 §2.1).
/// </summary>
internal static class SendCommand
{
    public static Command Create()
    {
        var server = new Option<string?>(SubmissionServer.OptionName)
        {
            Description = "host:port of the submission service. Default: $KAKUNIN_SERVER, else the local server's submission port "
                + "from the configuration 'kakunin serve' reads (SubmissionTlsPort with --tls implicit), else 127.0.0.1:2587.",
        };
        var user = new Option<string?>("--user") { Description = "User name for AUTH (usually the address)." };
        var password = new Option<string?>("--password") { Description = "Password for AUTH (or the KAKUNIN_PASSWORD environment variable)." };
        var from = new Option<string>("--from") { Description = "Sender address.", Required = true };
        var to = new Option<string[]>("--to") { Description = "Recipient (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var subject = new Option<string>("--subject") { Description = "Subject.", DefaultValueFactory = _ => "(no subject)" };
        var body = new Option<string?>("--body") { Description = "Body text (default: read standard input)." };
        var notify = new Option<string?>("--notify") { Description = "DSN NOTIFY: NEVER or any of SUCCESS,FAILURE,DELAY." };
        var ret = new Option<string?>("--ret") { Description = "DSN RET: FULL or HDRS." };
        ret.AcceptOnlyFromAmong("FULL", "HDRS", "full", "hdrs");
        var envid = new Option<string?>("--envid") { Description = "DSN ENVID: an id that comes back in delivery reports." };
        var readReceipt = new Option<bool>("--read-receipt") { Description = "Ask for a read receipt (Disposition-Notification-To: the sender)." };
        var tls = new Option<string>("--tls") { Description = "starttls (require), implicit (port 465 style), none.", DefaultValueFactory = _ => "starttls" };
        tls.AcceptOnlyFromAmong("starttls", "implicit", "none");
        var insecure = new Option<bool>("--insecure") { Description = "Accept any server certificate (a self-signed demo certificate)." };

        var command = new Command("send", "Send a message through a submission server, asking for delivery and read receipts.")
        {
            server, user, password, from, to, subject, body, notify, ret, envid, readReceipt, tls, insecure,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!TryParseNotify(result.GetValue(notify), out var dsn))
            {
                error.WriteLine("kakunin: --notify is NEVER or a comma-separated list of SUCCESS, FAILURE, DELAY (RFC 3461 §4.1)");
                return 2;
            }

            var implicitTls = result.GetValue(tls) == "implicit";
            Located<ServerAddress> address;
            try
            {
                address = SubmissionServer.Resolve(result.GetValue(server), implicitTls, CliEnvironment.Of(result));
            }
            catch (CliSettingsException e)
            {
                error.WriteLine($"kakunin: {e.Message}");
                return 1;
            }

            if (Compose(result, from, to, subject, readReceipt, error) is not { } message)
            {
                return 2;
            }

            message.Body = new TextPart("plain") { Text = result.GetValue(body) ?? await Console.In.ReadToEndAsync(cancellationToken) };
            using var client = new DsnSmtpClient(dsn, result.GetValue(envid));
            client.DeliveryStatusNotificationType = result.GetValue(ret)?.ToUpperInvariant() switch
            {
                "FULL" => DeliveryStatusNotificationType.Full,
                "HDRS" => DeliveryStatusNotificationType.HeadersOnly,
                _ => DeliveryStatusNotificationType.Unspecified,
            };
            if (result.GetValue(insecure))
            {
                // The user asked for it by name (--insecure), for the demo's self-signed certificate.
#pragma warning disable CA5359
                client.ServerCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
            }

            var security = result.GetValue(tls) switch
            {
                "implicit" => SecureSocketOptions.SslOnConnect,
                "none" => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            var secret = result.GetValue(password) ?? CliEnvironment.Of(result).Variable("KAKUNIN_PASSWORD") ?? string.Empty;
            try
            {
                var reply = await new SubmissionSession(client, address, security, implicitTls)
                    .SendAsync(message, result.GetValue(user), secret, cancellationToken);
                result.InvocationConfiguration.Output.WriteLine($"sent {message.MessageId} via {address.Value}: {reply}");
                return 0;
            }
            catch (SubmissionException e)
            {
                error.WriteLine($"kakunin: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The message's header fields; null (after a message naming the option) when an address does not parse.</summary>
    private static MimeMessage? Compose(ParseResult result, Option<string> from, Option<string[]> to, Option<string> subject, Option<bool> readReceipt, TextWriter error)
    {
        var message = new MimeMessage();
        foreach (var (option, text, list) in new[] { ("--from", result.GetValue(from)!, message.From) }
            .Concat(result.GetValue(to)!.Select(t => ("--to", t, message.To))))
        {
            if (!MailboxAddress.TryParse(text, out var address))
            {
                error.WriteLine($"kakunin: {option} '{text}' is not a mail address");
                return null;
            }

            list.Add(address);
        }

        message.Subject = result.GetValue(subject) ?? string.Empty;
        if (result.GetValue(readReceipt))
        {
            // RFC 8098 §2.1: the request is this header; never the legacy Return-Receipt-To.
            message.Headers.Add(HeaderId.DispositionNotificationTo, message.From.Mailboxes.First().ToString());
        }

        return message;
    }

    private static bool TryParseNotify(string? text, out DeliveryStatusNotification? notify)
    {
        notify = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        DeliveryStatusNotification value = default;
        var never = false;
        var others = false;
        foreach (var word in text.Split(',', StringSplitOptions.TrimEntries))
        {
            switch (word.ToUpperInvariant())
            {
                case "NEVER":
                    never = true;
                    break;
                case "SUCCESS":
                    value |= DeliveryStatusNotification.Success;
                    others = true;
                    break;
                case "FAILURE":
                    value |= DeliveryStatusNotification.Failure;
                    others = true;
                    break;
                case "DELAY":
                    value |= DeliveryStatusNotification.Delay;
                    others = true;
                    break;
                default:
                    return false;
            }
        }

        // RFC 3461 §4.1: NEVER stands alone.
        if (never && others)
        {
            return false;
        }

        notify = never ? DeliveryStatusNotification.Never : value;
        return true;
    }
}
