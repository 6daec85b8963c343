namespace Kakunin.IntegrationTests.Peers;

/// <summary>The scripts under tests/peers, found by walking up from the test binaries to the repository.</summary>
public static class PeerFiles
{
    /// <summary>tests/peers/<paramref name="parts"/>, e.g. ("postfix", "postfix-peer").</summary>
    public static string Find(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "tests", "peers", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"tests/peers/{string.Join('/', parts)} not found above {AppContext.BaseDirectory}");
    }
}
