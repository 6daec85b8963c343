using System.CommandLine;
using Kakunin.Reports.Mdn;
using MimeKit;

namespace Kakunin.Cli.Commands;

/// <summary><c>kakunin report compose mdn</c>: a read receipt for a message, per RFC 8098.</summary>
internal static class ComposeMdnCommand
{
    public static Command Create()
    {
        var original = new Option<FileInfo>("--original") { Description = "The message that asked for a read receipt (.eml).", Required = true };
        var reader = new Option<string>("--reader") { Description = "The reader the receipt is issued for (From and Final-Recipient).", Required = true };
        var type = new Option<DispositionType>("--type") { Description = "What happened to the message.", DefaultValueFactory = _ => DispositionType.Displayed };
        var sentBy = new Option<string>("--sent-by")
        {
            Description = "user: the reader clicked send (manual-action/MDN-sent-manually); policy: the reader's preset policy sent it (manual-action/MDN-sent-automatically); rule: no person involved (automatic-action/MDN-sent-automatically).",
            DefaultValueFactory = _ => "user",
        };
        sentBy.AcceptOnlyFromAmong("user", "policy", "rule");
        var language = CommonOptions.Language();
        var includeHeaders = new Option<bool>("--include-headers") { Description = "Attach the original's header fields as a third part." };
        var date = CommonOptions.Date();
        var output = CommonOptions.Output();

        var command = new Command("mdn", "Compose a read receipt (MDN, RFC 8098) for a message.")
        {
            original, reader, type, sentBy, language, includeHeaders, date, output,
        };
        command.SetAction(result =>
        {
            if (CommonOptions.LoadOriginal(result.GetValue(original)!, result.InvocationConfiguration.Error) is not { } message)
            {
                return 1;
            }

            var disposition = result.GetValue(sentBy) switch
            {
                "policy" => Disposition.SentByPolicy(result.GetValue(type)),
                "rule" => Disposition.Automatic(result.GetValue(type)),
                _ => Disposition.SentByUser(result.GetValue(type)),
            };
            var options = new MdnComposeOptions(
                result.GetValue(date) ?? DateTimeOffset.Now,
                result.GetValue(language)!,
                result.GetValue(includeHeaders));
            ComposedMdn composed;
            try
            {
                composed = MdnComposer.Compose(message, MailboxAddress.Parse(result.GetValue(reader)!), disposition, options);
            }
            catch (InvalidOperationException e)
            {
                result.InvocationConfiguration.Error.WriteLine($"kakunin: {e.Message}");
                return 1;
            }

            result.InvocationConfiguration.Error.WriteLine(
                $"envelope: MAIL FROM:<{composed.Envelope.ReversePath}> " + string.Join(' ', composed.Envelope.Recipients.Select(r => $"RCPT TO:<{r}>")));
            return CommonOptions.WriteMessage(composed.Message, result.GetValue(output), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
        });
        return command;
    }
}
