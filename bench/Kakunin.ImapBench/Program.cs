using System.Globalization;
using Kakunin.ImapBench;

// bench/imap drives this tool; see bench/imap/run for the whole procedure.
//   seed-maildir MAILDIR COUNT       the corpus as a Dovecot Maildir (INBOX)
//   seed-kakunin DATA_DIR COUNT      the corpus in a Kakunin data folder (user alice@example.test)
//   run COUNT ROUNDS IDLE [--passes N] NAME:PORT:PID [NAME:PORT:PID]   time the servers (implicit-TLS ports) and print Markdown
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: seed-maildir DIR N | seed-kakunin DIR N | run N ROUNDS IDLE NAME:PORT:PID...");
    return 2;
}

switch (args[0])
{
    case "seed-maildir":
        MailboxSeed.Maildir(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        return 0;
    case "seed-kakunin":
        await MailboxSeed.KakuninAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        return 0;
    case "run":
        // Optional "--passes N" before the servers: the read cases (FETCH, SEARCH) run N times in a row.
        var passes = args.Length > 5 && args[4] == "--passes" ? int.Parse(args[5], CultureInfo.InvariantCulture) : 1;
        var servers = args[(args.Length > 4 && args[4] == "--passes" ? 6 : 4)..].Select(a => a.Split(':')).Select(p => new BenchServer(p[0], int.Parse(p[1], CultureInfo.InvariantCulture), int.Parse(p[2], CultureInfo.InvariantCulture))).ToList();
        await ImapBenchRun.RunAsync(servers, int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture), passes);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
