using System.CommandLine;
using Kakunin.Cli.Commands;

namespace Kakunin.Cli;

/// <summary>The root of the <c>kakunin</c> command line.</summary>
public static class KakuninCommand
{
    public static RootCommand Create()
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
        return new RootCommand("Kakunin: delivery and read confirmation for the mail you send.")
        {
            ServeCommand.Create(),
            report,
            SendCommand.Create(),
            DomainCommands.Create(),
            UserCommands.Create(),
            AliasCommands.Create(),
            MailboxCommands.Create(),
            QueueCommands.Create(),
            BackupCommands.Backup(),
            BackupCommands.Restore(),
        };
    }
}
