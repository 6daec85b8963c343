using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kakunin.Store;
using Kakunin.Tracking;
using Spectre.Console;

namespace Kakunin.Cli.Commands;

/// <summary>
/// <c>kakunin queue list|show|retry|delete</c>: the outgoing queue (like postqueue -p / -i and postsuper -d). A
/// running server notices the change within a quarter of a second and looks again (docs/storage.md, "Several writers").
/// </summary>
internal static class QueueCommands
{
    public static Command Create() => new("queue", "Inspect and manage the mail queue.")
    {
        List(),
        Show(),
        Retry(),
        Delete(),
    };

    private static Command List()
    {
        var all = new Option<bool>("--all") { Description = "Include finished messages (kept as evidence)." };
        var format = AdminOutput.Format();
        var data = DataOption.Create();
        var command = new Command("list", "List queued messages with each recipient's state, attempts, next attempt and last diagnostic.") { all, format, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var lines = (await store.Queue.ListAsync(result.GetValue(all), c.CancellationToken).ConfigureAwait(false))
                .Select(x => QueueLine.From(x.Message, x.Recipients)).ToList();
            if (result.GetValue(format) == "json")
            {
                foreach (var line in lines)
                {
                    c.Output.WriteLine(JsonSerializer.Serialize(line, AdminJsonContext.Default.QueueLine));
                }

                return 0;
            }

            if (lines.Count == 0)
            {
                c.Output.WriteLine("the queue is empty");
                return 0;
            }

            var table = AdminOutput.Table("Queue id", "Arrival", "Sender", "Size", "Recipient", "State", "Attempts", "Next attempt", "Last diagnostic");
            foreach (var m in lines)
            {
                var first = true;
                foreach (var r in m.Recipients)
                {
                    table.AddRow(
                        first ? AdminOutput.Cell(m.QueueId) : string.Empty,
                        first ? AdminOutput.Time(m.ReceivedAt) : string.Empty,
                        first ? AdminOutput.Cell(Sender(m.Sender), 40) : string.Empty,
                        first ? m.Size.ToString(CultureInfo.InvariantCulture) : string.Empty,
                        AdminOutput.Cell(r.Address, 40),
                        r.State,
                        r.Attempts.ToString(CultureInfo.InvariantCulture),
                        r.Open ? AdminOutput.Time(r.NextAttemptAt) : string.Empty,
                        AdminOutput.Cell(Diagnostic(r)));
                    first = false;
                }
            }

            AdminOutput.Write(table, c.Output);
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Show()
    {
        var queueId = new Argument<string>("queue-id") { Description = "The queue id (from queue list, or the 250 reply)." };
        var data = DataOption.Create();
        var command = new Command("show", "Show one queued message: envelope, recipients and the message headers.") { queueId, data };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var id = result.GetValue(queueId)!;
            if (await store.Queue.FindAsync(id, c.CancellationToken).ConfigureAwait(false) is not var (message, recipients))
            {
                return c.NotFound($"no queued message {id}");
            }

            var o = c.Output;
            o.WriteLine($"Queue-Id: {message.QueueId}");
            o.WriteLine($"State: {message.State}");
            o.WriteLine($"Arrival: {AdminOutput.Time(message.ReceivedAt)}");
            o.WriteLine($"Sender: {Sender(message.ReversePath)}");
            o.WriteLine($"Size: {message.Size.ToString(CultureInfo.InvariantCulture)}");
            o.WriteLine($"Authenticated-User: {message.AuthenticatedUser ?? "(none)"}");
            o.WriteLine($"Envelope-Id: {message.EnvelopeId ?? "(none)"}");
            o.WriteLine($"Ret: {message.Return?.ToString() ?? "(none)"}");
            o.WriteLine($"Body: {message.Body?.ToString() ?? "(none)"}");
            o.WriteLine($"SMTPUTF8: {(message.SmtpUtf8 ? "yes" : "no")}");
            o.WriteLine($"Report: {(message.IsReport ? "yes (a DSN or MDN generated here)" : "no")}");
            foreach (var r in recipients.Select(QueueRecipientLine.From))
            {
                o.WriteLine();
                o.WriteLine($"Recipient: {r.Address}");
                o.WriteLine($"  State: {r.State}, attempts {r.Attempts.ToString(CultureInfo.InvariantCulture)}");
                if (r.Open)
                {
                    o.WriteLine($"  Next-Attempt: {AdminOutput.Time(r.NextAttemptAt)}");
                }

                if (r.LastAttemptAt is { } last)
                {
                    o.WriteLine($"  Last-Attempt: {AdminOutput.Time(last)}");
                }

                if (Diagnostic(r) is { Length: > 0 } diagnostic)
                {
                    o.WriteLine($"  Diagnostic: {diagnostic}");
                }

                if (r.RemoteMta is not null)
                {
                    o.WriteLine($"  Remote-MTA: {r.RemoteMta}");
                }

                if (r.Notify is not null)
                {
                    o.WriteLine($"  Notify: {r.Notify}");
                }
            }

            byte[] content;
            try
            {
                content = await store.Queue.GetContentAsync(message.Id, c.CancellationToken).ConfigureAwait(false);
            }
            catch (Kakunin.Store.Integrity.DamagedContentException e)
            {
                return c.Fail(e.Message);
            }

            o.WriteLine();
            o.WriteLine("Headers:");
            o.Write(HeaderBlock(content));
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Retry()
    {
        var queueId = new Argument<string?>("queue-id") { Description = "The message to retry.", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Retry every deferred recipient in the queue." };
        var data = DataOption.Create();
        var command = new Command("retry", "Make deferred recipients due now (attempts and expiry are unchanged); a running server tries them at once.")
        {
            queueId, all, data,
        };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(queueId) is null) == !r.GetValue(all))
            {
                r.AddError("Give a queue id or --all (not both).");
            }
        });
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var id = result.GetValue(queueId);
            var moved = await store.Queue.RetryNowAsync(id, DateTimeOffset.UtcNow, c.CancellationToken).ConfigureAwait(false);
            if (moved is not { } count)
            {
                return c.NotFound($"no queued message {id}");
            }

            c.Output.WriteLine($"{count.ToString(CultureInfo.InvariantCulture)} recipient(s) due now");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command Delete()
    {
        var queueIds = new Argument<string[]>("queue-id") { Description = "The message(s) to delete.", Arity = ArgumentArity.OneOrMore };
        var data = DataOption.Create();
        var command = new Command(
            "delete",
            "Delete queued messages: their pending and deferred recipients are dropped WITHOUT any DSN to the sender. " +
            "Finished recipients and tracking records are kept as evidence (tracked recipients show 'deleted').")
        {
            queueIds, data,
        };
        command.SetAction((result, cancellationToken) => DataOption.RunAsync(result, data, async (store, c) =>
        {
            var exit = 0;
            foreach (var id in result.GetValue(queueIds)!)
            {
                var deleted = await store.Queue.DeleteAsync(id, DateTimeOffset.UtcNow, TrackingRepository.QueueRecipientRemoved, c.CancellationToken).ConfigureAwait(false);
                if (deleted is null)
                {
                    exit = c.NotFound($"no queued message {id}");
                    continue;
                }

                c.Output.WriteLine(deleted.MessageRemoved
                    ? $"{id}: deleted ({deleted.RecipientsRemoved.ToString(CultureInfo.InvariantCulture)} recipient(s))"
                    : $"{id}: {deleted.RecipientsRemoved.ToString(CultureInfo.InvariantCulture)} recipient(s) removed; the record is kept as evidence");
            }

            return exit;
        }, cancellationToken));
        return command;
    }

    private static string Sender(string reversePath) => reversePath.Length == 0 ? "<>" : reversePath;

    /// <summary>The last diagnostic, led by the status code unless the remote reply already carries it.</summary>
    private static string Diagnostic(QueueRecipientLine r) =>
        r.Status is null || (r.Diagnostic?.Contains(r.Status, StringComparison.Ordinal) ?? false)
            ? r.Diagnostic ?? string.Empty
            : string.Join(' ', new[] { r.Status, r.Diagnostic }.Where(s => !string.IsNullOrEmpty(s)));

    /// <summary>The header block of a message: everything before the first empty line (the bytes decoded as UTF-8).</summary>
    private static string HeaderBlock(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lf = text.IndexOf("\n\n", StringComparison.Ordinal);
        var cut = end >= 0 && (lf < 0 || end < lf) ? end + 2 : lf >= 0 ? lf + 1 : text.Length;
        return text[..cut];
    }
}

/// <summary>One message of <c>kakunin queue list --format json</c>.</summary>
internal sealed record QueueLine(string QueueId, string State, DateTimeOffset ReceivedAt, string Sender, long Size, string? EnvelopeId, bool IsReport, IReadOnlyList<QueueRecipientLine> Recipients)
{
    public static QueueLine From(QueueMessageRecord m, IReadOnlyList<QueueRecipientRecord> recipients) =>
        new(m.QueueId, m.State, m.ReceivedAt, m.ReversePath, m.Size, m.EnvelopeId, m.IsReport, [.. recipients.Select(QueueRecipientLine.From)]);
}

/// <summary>One recipient of a <see cref="QueueLine"/>.</summary>
internal sealed record QueueRecipientLine(
    string Address, string State, bool Open, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset? LastAttemptAt, string? Status, string? Diagnostic, string? RemoteMta, string? Notify)
{
    public static QueueRecipientLine From(QueueRecipientRecord r) =>
        new(r.Address, r.State.ToText(), !r.State.IsFinal(), r.Attempts, r.NextAttemptAt, r.LastAttemptAt, r.Status, r.Diagnostic, r.RemoteMta, r.Notify?.ToString());
}
