using System.CommandLine;
using System.Text;
using System.Text.Json;
using Kakunin.Store;
using MimeKit;
using MimeKit.Utils;
using Spectre.Console;
using Kakunin.Protocol;

namespace Kakunin.Cli.Commands;

/// <summary><c>kakunin mailbox list|show</c>: what is in a user's folders (like doveadm search / fetch).</summary>
internal static class MailboxCommands
{
    public static Command Create() => new("mailbox", "Look into users' folders.")
    {
        List(),
        Show(),
    };

    private static Command List()
    {
        var user = new Argument<string>("user") { Description = "The user's address." };
        var folder = new Option<string>("--folder") { Description = "The folder.", DefaultValueFactory = _ => MailFolders.Inbox };
        folder.AcceptOnlyFromAmong([.. MailFolders.Defaults]);
        var format = AdminOutput.Format();
        var data = DataOption.Create();
        var command = new Command("list", "List the messages of a folder: id, date received, from, subject, size, flags.") { user, folder, format, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var address = MailboxIdentity.KeyOf(result.GetValue(user)!);
            if (await store.Directory.FindUserIdAsync(address, c.CancellationToken).ConfigureAwait(false) is null)
            {
                return c.NotFound($"no user {address}");
            }

            var name = result.GetValue(folder)!;
            var lines = (await store.Mailboxes.ListAsync(address, name, c.CancellationToken).ConfigureAwait(false)).Select(Summarize).ToList();
            if (result.GetValue(format) == "json")
            {
                foreach (var line in lines)
                {
                    c.Output.WriteLine(JsonSerializer.Serialize(line, AdminJsonContext.Default.MailboxLine));
                }

                return 0;
            }

            var table = AdminOutput.Table("Id", "Date", "From", "Subject", "Size", "Flags");
            foreach (var l in lines)
            {
                table.AddRow(l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), AdminOutput.Time(l.ReceivedAt), AdminOutput.Cell(l.From, 40), AdminOutput.Cell(l.Subject), l.Size.ToString(System.Globalization.CultureInfo.InvariantCulture), AdminOutput.Cell(l.Flags));
            }

            AdminOutput.Write(table, c.Output);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Show()
    {
        var user = new Argument<string>("user") { Description = "The user's address." };
        var id = new Argument<long>("id") { Description = "The message id (from mailbox list)." };
        var output = CommonOptions.Output();
        var asStored = new Option<bool>("--as-stored") { Description = "Write a damaged message's bytes anyway, as they are stored now (for salvage; docs/storage.md)." };
        var data = DataOption.Create();
        var command = new Command("show", "Print a stored message exactly as stored (raw RFC 5322 bytes).") { user, id, output, asStored, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var address = MailboxIdentity.KeyOf(result.GetValue(user)!);
            var message = await store.Mailboxes.GetAsync(address, result.GetValue(id), c.CancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                return c.NotFound($"{address} has no message {result.GetValue(id)}");
            }

            if (message.IsDamaged && !result.GetValue(asStored))
            {
                // Its bytes fail the checksum taken when it was stored: say so rather than hand damaged bytes to a pipe.
                return c.Fail($"message {message.Id} of {address} is damaged: its stored bytes no longer match the SHA-256 recorded when it was stored. "
                    + "Nothing was written. Restore it from a backup (docs/storage.md), or add --as-stored to write the damaged bytes as they are.");
            }

            try
            {
                await WriteRawAsync(message.Content, result.GetValue(output), c).ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (result.GetValue(output) is { } file && e is IOException or UnauthorizedAccessException)
            {
                return c.Fail($"cannot write --output {file.FullName}: {e.Message}");
            }
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// The bytes go out unchanged to a file or to the real standard output; to any other writer (tests, a host
    /// that captures output) they are decoded as UTF-8, which 8-bit non-UTF-8 text would not survive.
    /// </summary>
    private static async Task WriteRawAsync(ReadOnlyMemory<byte> content, FileInfo? file, AdminContext context)
    {
        if (file is not null)
        {
            await File.WriteAllBytesAsync(file.FullName, content.ToArray(), context.CancellationToken).ConfigureAwait(false);
            return;
        }

        if (ReferenceEquals(context.Output, Console.Out))
        {
            context.Output.Flush();
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(content, context.CancellationToken).ConfigureAwait(false);
            return;
        }

        context.Output.Write(Encoding.UTF8.GetString(content.Span));
    }

    private static MailboxLine Summarize(StoredMessage message)
    {
        string? from = null, subject = null;
        try
        {
            using var stream = new MemoryStream(message.Content.ToArray(), writable: false);
            var headers = HeaderList.Load(stream);
            from = Decode(headers[HeaderId.From]);
            subject = Decode(headers[HeaderId.Subject]);
        }
        catch (FormatException)
        {
            // Not parseable as a message: list it anyway, without from and subject.
        }

        return new MailboxLine(message.Id, message.Folder, message.ReceivedAt, from, subject, message.Size, message.Flags);
    }

    private static string? Decode(string? raw) => raw is null ? null : Rfc2047.DecodeText(Encoding.UTF8.GetBytes(raw.Trim()));
}

/// <summary>One message of <c>kakunin mailbox list --format json</c>.</summary>
internal sealed record MailboxLine(long Id, string Folder, DateTimeOffset ReceivedAt, string? From, string? Subject, long Size, string Flags);
