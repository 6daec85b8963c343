using System.Security.Cryptography;
using System.Text;
using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.Cli.Tests;

/// <summary>
/// <c>kakunin token create|list|revoke</c> against a real store that the test keeps open, as a running server would.
/// </summary>
public sealed class TokenCommandTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "kakunin-cli-token-" + Guid.NewGuid().ToString("N"));
    private KakuninStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await KakuninStore.OpenAsync(_data, new StoreOptions { PasswordIterations = 1000 }, Ct);
        await _store.Directory.AddDomainAsync("example.test", Ct);
        await _store.Directory.AddUserAsync("alice@example.test", "pw", Ct);
        await _store.Directory.AddUserAsync("bob@example.test", "pw", Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args) => CliRunner.Run([.. args, "--data", _data]);

    [Fact]
    public async Task Create_prints_the_token_once_and_stores_only_its_sha256()
    {
        var (exit, output, error) = Run("token", "create", "Alice@Example.test", "--name", "CRM");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        var token = output.Split('\n').Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..].Trim();
        // kk_ and 32 bytes in base64url without padding (43 characters).
        Assert.Matches("^kk_[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(32, Convert.FromBase64String(token[3..].Replace('-', '+').Replace('_', '/') + "=").Length);

        // Only the hash is in the database; the text is nowhere in the file.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "kakunin.db")};Mode=ReadOnly"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT token_hash, prefix, name FROM api_tokens";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), reader.GetString(0));
            Assert.Equal(token[..11], reader.GetString(1));
            Assert.Equal("CRM", reader.GetString(2));
        }

        var found = await _store.ApiTokens.FindByTextAsync(token, Ct);
        Assert.Equal("alice@example.test", found?.User);

        // The list shows the prefix, never the token.
        var list = Run("token", "list").Output;
        Assert.Contains(token[..11] + "…", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
    }

    [Fact]
    public void List_filters_by_user_and_says_active_never_used()
    {
        Run("token", "create", "alice@example.test", "--name", "CRM");
        Run("token", "create", "bob@example.test", "--name", "Tickets");

        var lines = Run("token", "list", "bob@example.test").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var fields = Assert.Single(lines).Split('\t');
        Assert.Equal("bob@example.test", fields[1]);
        Assert.Equal("Tickets", fields[2]);
        Assert.Equal("never used", fields[5]);
        Assert.Equal("active", fields[6]);
        Assert.Equal(2, Run("token", "list").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Revoke_makes_the_token_revoked_at_once_and_a_second_revoke_says_so()
    {
        var output = Run("token", "create", "alice@example.test", "--name", "CRM").Output;
        var token = output.Split('\n').Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..].Trim();
        var id = output.Split(' ')[1];

        var (exit, revoked, _) = Run("token", "revoke", id);
        Assert.Equal(0, exit);
        Assert.Contains("revoked", revoked, StringComparison.Ordinal);
        Assert.True((await _store.ApiTokens.FindByTextAsync(token, Ct))!.IsRevoked);
        Assert.StartsWith("revoked ", Run("token", "list").Output.Split('\t')[^1], StringComparison.Ordinal);
        Assert.Contains("already", Run("token", "revoke", id).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_users_and_tokens_are_errors()
    {
        var (exit, _, error) = Run("token", "create", "carol@example.test", "--name", "CRM");
        Assert.Equal(1, exit);
        Assert.Contains("no user carol@example.test", error, StringComparison.Ordinal);

        var (revokeExit, _, revokeError) = Run("token", "revoke", "999");
        Assert.Equal(1, revokeExit);
        Assert.Contains("no token 999", revokeError, StringComparison.Ordinal);

        Assert.NotEqual(0, Run("token", "create", "alice@example.test").ExitCode); // --name is required
    }
}
