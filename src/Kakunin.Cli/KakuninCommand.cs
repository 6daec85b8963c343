using System.CommandLine;
using Kakunin.Cli.Commands;
using Kakunin.Cli.Settings;

namespace Kakunin.Cli;

/// <summary>The root of the <c>kakunin</c> command line.</summary>
public static class KakuninCommand
{
    /// <summary>The command tree, finding the data folder and the server in this process's environment.</summary>
    public static RootCommand Create() => Create(CliEnvironment.FromProcess());

    /// <summary>The command tree; <paramref name="environment"/> stands for the process's environment variables, working
    /// directory and files when finding the data folder and the server (tests).</summary>
    internal static RootCommand Create(CliEnvironment environment)
    {
        var compose = new Command("compose", "Build a delivery status notification or a read receipt, for scripts and tests.")
        {
            ComposeDsnCommand.Create(),
            ComposeMdnCommand.Create(),
        };
        var report = new Command("report", "Parse and compose delivery reports (DSN) and read receipts (MDN).")
        {
            ParseCommand.Create(),
            compose,
        };
        return new KakuninRootCommand("Kakunin: delivery and read confirmation for the mail you send.", environment)
        {
            ServeCommand.Create(),
            report,
            SendCommand.Create(),
            DomainCommands.Create(),
            UserCommands.Create(),
            TokenCommands.Create(),
            AliasCommands.Create(),
            MailboxCommands.Create(),
            QueueCommands.Create(),
            BackupCommands.Backup(),
            BackupCommands.Restore(),
        };
    }
}
