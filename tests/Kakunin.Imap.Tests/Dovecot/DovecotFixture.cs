namespace Kakunin.Imap.Tests.Dovecot;

/// <summary>A private Dovecot holding every file of Fixtures/Messages in INBOX, in file-name order (sequence 1, 2, …).</summary>
public sealed class DovecotFixture : IAsyncLifetime
{
    private PrivateDovecot? dovecot;
    private RawImapClient? client;

    public static string[] FixtureNames { get; } =
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Messages"), "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    public RawImapClient Client => client ?? throw new InvalidOperationException("Dovecot is not running.");

    public static byte[] Message(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Messages", name));

    public static int Sequence(string name) => Array.IndexOf(FixtureNames, name) + 1;

    public async ValueTask InitializeAsync()
    {
        dovecot = await PrivateDovecot.StartAsync();
        client = await RawImapClient.ConnectAsync(dovecot.Port);
        await client.CommandAsync($"LOGIN {PrivateDovecot.User} {PrivateDovecot.Password}");
        foreach (var name in FixtureNames)
        {
            await client.CommandAsync("APPEND INBOX", Message(name));
        }

        await client.CommandAsync("SELECT INBOX");
    }

    public async ValueTask DisposeAsync()
    {
        if (client is not null)
        {
            await client.DisposeAsync();
        }

        if (dovecot is not null)
        {
            await dovecot.DisposeAsync();
        }
    }
}
