using System.CommandLine;
using Kakunin.Cli.Send;
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
        var server = new Option<string>("--server") { Description = "host:port of the submission service.", DefaultValueFactory = _ => "127.0.0.1:2587" };
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

            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(result.GetValue(from)!));
            foreach (var address in result.GetValue(to)!)
            {
                message.To.Add(MailboxAddress.Parse(address));
            }

            message.Subject = result.GetValue(subject) ?? string.Empty;
            message.Body = new TextPart("plain") { Text = result.GetValue(body) ?? await Console.In.ReadToEndAsync(cancellationToken) };
            if (result.GetValue(readReceipt))
            {
                // RFC 8098 §2.1: the request is this header; never the legacy Return-Receipt-To.
                message.Headers.Add(HeaderId.DispositionNotificationTo, message.From.Mailboxes.First().ToString());
            }

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

            var (host, port) = SplitServer(result.GetValue(server)!);
            var socketOptions = result.GetValue(tls) switch
            {
                "implicit" => SecureSocketOptions.SslOnConnect,
                "none" => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            try
            {
                await client.ConnectAsync(host, port, socketOptions, cancellationToken);
                var name = result.GetValue(user);
                if (name is not null)
                {
                    var secret = result.GetValue(password) ?? Environment.GetEnvironmentVariable("KAKUNIN_PASSWORD") ?? string.Empty;
                    await client.AuthenticateAsync(name, secret, cancellationToken);
                }

                var reply = await client.SendAsync(message, cancellationToken);
                await client.DisconnectAsync(quit: true, cancellationToken);
                result.InvocationConfiguration.Output.WriteLine($"sent {message.MessageId}: {reply}");
                return 0;
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or AuthenticationException or IOException or System.Net.Sockets.SocketException or ServiceNotConnectedException)
            {
                error.WriteLine($"kakunin: send failed: {e.Message}");
                return 1;
            }
        });
        return command;
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

    private static (string Host, int Port) SplitServer(string server)
    {
        var colon = server.LastIndexOf(':');
        return colon > 0 && int.TryParse(server.AsSpan(colon + 1), out var port)
            ? (server[..colon], port)
            : (server, 587);
    }
}
