using Kakunin.Bench;

// kakunin-bench <subcommand> [args]: each subcommand is one class with a Run(args) method.
var commands = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["accuracy"] = AccuracyCommand.Run,
    ["analyze-only"] = AnalyzeOnlyCommand.Run,
    ["dkim"] = DkimCommand.Run,
    ["show"] = ShowCommand.Run,
    ["throughput"] = ThroughputCommand.Run,
    ["webmail"] = WebmailCommand.Run,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: Kakunin.Bench <{string.Join('|', commands.Keys)}> [corpus-dir]");
    return 2;
}

return command(args[1..]);
