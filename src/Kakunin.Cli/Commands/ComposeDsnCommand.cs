using System.CommandLine;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using MimeKit;

namespace Kakunin.Cli.Commands;

/// <summary><c>kakunin report compose dsn</c>: a delivery status notification, per RFC 3464, for scripts and tests.</summary>
internal static class ComposeDsnCommand
{
    public static Command Create()
    {
        var sender = new Option<string>("--sender") { Description = "The original envelope sender (MAIL FROM); the DSN goes to it.", Required = true };
        var recipients = new Option<string[]>("--recipient") { Description = "A recipient the report is about (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var action = new Option<DsnAction>("--action") { Description = "What happened: Failed, Delayed, Delivered, Relayed or Expanded.", DefaultValueFactory = _ => DsnAction.Failed };
        var status = new Option<string?>("--status") { Description = "Enhanced status code (default by action: 5.0.0, 4.0.0 or 2.0.0)." };
        var diagnostic = new Option<string?>("--diagnostic") { Description = "The remote server's reply, e.g. \"550 5.1.1 No such user\"." };
        var remoteMta = new Option<string?>("--remote-mta") { Description = "The host that gave the diagnostic." };
        var orcpt = new Option<string?>("--orcpt") { Description = "Original recipient (ORCPT), decoded; applies to every --recipient." };
        var envid = new Option<string?>("--envid") { Description = "Original envelope id (ENVID), decoded." };
        var reportingMta = new Option<string>("--reporting-mta") { Description = "This MTA's host name.", DefaultValueFactory = _ => Environment.MachineName };
        var retryUntil = new Option<DateTimeOffset?>("--will-retry-until") { Description = "For delayed: when the MTA gives up." };
        var original = new Option<FileInfo?>("--original") { Description = "The original message (.eml), returned per --ret." };
        var ret = new Option<DsnReturn>("--ret") { Description = "Return the original's Headers or the Full message (full only for failures, RFC 3461 §4.3).", DefaultValueFactory = _ => DsnReturn.Headers };
        var language = CommonOptions.Language();
        var date = CommonOptions.Date();
        var output = CommonOptions.Output();

        var command = new Command("dsn", "Compose a delivery status notification (DSN, RFC 3464).")
        {
            sender, recipients, action, status, diagnostic, remoteMta, orcpt, envid, reportingMta, retryUntil, original, ret, language, date, output,
        };
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            var chosenAction = result.GetValue(action);
            EnhancedStatusCode code;
            if (result.GetValue(status) is { } text)
            {
                if (!EnhancedStatusCode.TryParse(text, out var parsed))
                {
                    error.WriteLine($"kakunin: --status '{text}' is not an enhanced status code (class.subject.detail, RFC 3463)");
                    return 1;
                }

                code = parsed.Value;
            }
            else
            {
                code = DefaultStatus(chosenAction);
            }

            MimeMessage? originalMessage = null;
            if (result.GetValue(original) is { } file && (originalMessage = CommonOptions.LoadOriginal(file, error)) is null)
            {
                return 1;
            }

            var host = result.GetValue(reportingMta)!;
            var report = new DeliveryStatusReport
            {
                ReportingMta = MtaName.Dns(host),
                OriginalEnvelopeId = result.GetValue(envid),
                ArrivalDate = result.GetValue(date),
                Recipients = [.. result.GetValue(recipients)!.Select(address => new DsnRecipient
                {
                    FinalRecipient = new TypedAddress("rfc822", address),
                    OriginalRecipient = result.GetValue(orcpt) is { } o ? new TypedAddress("rfc822", o) : null,
                    Action = chosenAction,
                    Status = code,
                    RemoteMta = result.GetValue(remoteMta) is { } mta ? MtaName.Dns(mta) : null,
                    DiagnosticCode = result.GetValue(diagnostic) is { } d ? DiagnosticCode.Smtp(d) : null,
                    WillRetryUntil = result.GetValue(retryUntil),
                })],
            };
            var request = new DsnComposeRequest
            {
                Report = report,
                ReportingMailbox = new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@" + host),
                OriginalEnvelopeSender = result.GetValue(sender)!,
                Date = result.GetValue(date) ?? DateTimeOffset.Now,
                Language = result.GetValue(language)!,
                Return = result.GetValue(ret),
                OriginalMessage = originalMessage,
            };
            DsnOutgoing outgoing;
            try
            {
                outgoing = DsnComposer.ComposeForSending(request);
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"kakunin: {e.Message}");
                return 1;
            }

            error.WriteLine($"envelope: MAIL FROM:<{outgoing.ReversePath}> RCPT TO:<{outgoing.Recipient}>");
            return CommonOptions.WriteMessage(outgoing.Message, result.GetValue(output), result.InvocationConfiguration.Output, error);
        });
        return command;
    }

    private static EnhancedStatusCode DefaultStatus(DsnAction action) => action switch
    {
        DsnAction.Failed => new EnhancedStatusCode(5, 0, 0),
        DsnAction.Delayed => new EnhancedStatusCode(4, 0, 0),
        _ => new EnhancedStatusCode(2, 0, 0),
    };
}
