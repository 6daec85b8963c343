using System.CommandLine;

namespace Kakunin.Cli;

/// <summary>The root of the <c>kakunin</c> command line.</summary>
public static class KakuninCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Kakunin: delivery and read confirmation for mail you send.");
        return root;
    }
}
