using System.Globalization;
using Kakunin.StoreBench;

// The store's side of IMAP, in process on a temporary store (docs/imap-store.md "Measured cost"). One command a run;
// a Markdown table on stdout. It measures and asserts nothing: compare runs of the same machine, before and after.
const string Usage = "usage: dotnet run -c Release --project bench/Kakunin.StoreBench -- append|imap-read|flag-store [--messages N]";
if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--messages"))
{
    Console.Error.WriteLine(Usage);
    return 2;
}

int? messages = null;
if (args.Length == 3)
{
    if (!int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
    {
        Console.Error.WriteLine($"--messages wants a positive whole number, not \"{args[2]}\"");
        return 2;
    }

    messages = n;
}

// Ctrl+C stops the run and still deletes the temporary store.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

switch (args[0])
{
    case "append":
        await AppendCost.RunAsync(messages ?? AppendCost.DefaultMessages, stop.Token);
        return 0;
    case "imap-read":
        await ImapReadCost.RunAsync(messages ?? ImapReadCost.DefaultMessages, stop.Token);
        return 0;
    case "flag-store":
        await FlagStoreCost.RunAsync(messages ?? FlagStoreCost.DefaultMessages, stop.Token);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command \"{args[0]}\"");
        Console.Error.WriteLine(Usage);
        return 2;
}
