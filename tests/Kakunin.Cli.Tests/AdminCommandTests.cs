using System.Text;
using System.Text.Json;
using Kakunin.Store;
using Microsoft.Data.Sqlite;

namespace Kakunin.Cli.Tests;

/// <summary>
/// The administrator commands against a real store in a temp data folder. The test keeps its own store open
/// the whole time, as a running server would, and checks what the commands changed in the database.
/// </summary>
public sealed class AdminCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "kakunin-cli-admin-" + Guid.NewGuid().ToString("N"));
    private KakuninStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await KakuninStore.OpenAsync(_data, new StoreOptions { PasswordIterations = 1000 }, Ct);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args) => CliRunner.Run([.. args, "--data", _data]);

    [Fact]
    public void A_folder_without_a_database_is_an_error_not_a_new_store()
    {
        var missing = Path.Combine(_data, "typo");
        var (exit, _, error) = CliRunner.Run("user", "list", "--data", missing);

        Assert.Equal(1, exit);
        Assert.Equal($"kakunin: no Kakunin database in {missing} (from --data): the folder does not exist\n", error.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Domain_and_user_added_are_listed_and_the_password_works()
    {
        Assert.Equal(0, Run("domain", "add", "Example.COM").ExitCode);
        Assert.Equal(0, Run("domain", "add", "second.test").ExitCode);
        var (exit, output, error) = Run("user", "add", "Bob@Example.com", "--password", "s3cret");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error);
        Assert.DoesNotContain("s3cret", output, StringComparison.Ordinal);
        Assert.Equal("example.com\nsecond.test\n", Normalize(Run("domain", "list").Output));
        Assert.Equal("bob@example.com\n", Normalize(Run("user", "list").Output));
        Assert.Equal(string.Empty, Run("user", "list", "--domain", "second.test").Output);
        Assert.Equal("bob@example.com", await _store.Directory.VerifyPasswordAsync("bob@example.com", "s3cret", Ct));
    }

    [Fact]
    public async Task A_user_on_a_domain_that_is_not_local_is_refused_clearly()
    {
        await _store.Directory.AddDomainAsync("example.com", Ct);

        var (exit, output, error) = Run("user", "add", "eve@elsewhere.test", "--password", "x");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("kakunin: elsewhere.test is not a local domain; add it first: kakunin domain add elsewhere.test\n", Normalize(error));
        Assert.Null(await _store.Directory.FindUserIdAsync("eve@elsewhere.test", Ct));
    }

    [Fact]
    public async Task Adding_an_existing_user_fails_and_keeps_the_old_password()
    {
        await _store.Directory.AddDomainAsync("example.com", Ct);
        await _store.Directory.AddUserAsync("bob@example.com", "first", Ct);

        var (exit, _, error) = Run("user", "add", "bob@example.com", "--password", "second");

        Assert.Equal(1, exit);
        Assert.Contains("exists already", error, StringComparison.Ordinal);
        Assert.Equal("bob@example.com", await _store.Directory.VerifyPasswordAsync("bob@example.com", "first", Ct));
    }

    [Fact]
    public async Task Password_change_replaces_the_password()
    {
        await _store.Directory.AddDomainAsync("example.com", Ct);
        await _store.Directory.AddUserAsync("bob@example.com", "old-one", Ct);

        var (exit, output, _) = Run("user", "password", "bob@example.com", "--password", "new-one");

        Assert.Equal(0, exit);
        Assert.Equal("password of bob@example.com changed; every webmail session of bob@example.com is signed out\n", Normalize(output));
        Assert.Null(await _store.Directory.VerifyPasswordAsync("bob@example.com", "old-one", Ct));
        Assert.Equal("bob@example.com", await _store.Directory.VerifyPasswordAsync("bob@example.com", "new-one", Ct));
        Assert.Equal(1, Run("user", "password", "nobody@example.com", "--password", "x").ExitCode);
    }

    [Fact]
    public async Task User_admin_grants_and_revokes_the_organisation_settings_role()
    {
        await _store.Directory.AddDomainAsync("example.com", Ct);
        await _store.Directory.AddUserAsync("bob@example.com", "pw", Ct);

        var (exit, output, _) = Run("user", "admin", "Bob@example.com");
        Assert.Equal(0, exit);
        Assert.Equal("bob@example.com is an administrator\n", Normalize(output));
        Assert.True(await _store.Directory.IsAdminAsync("bob@example.com", Ct));

        Assert.Equal(0, Run("user", "admin", "bob@example.com", "--revoke").ExitCode);
        Assert.False(await _store.Directory.IsAdminAsync("bob@example.com", Ct));
        Assert.Equal(1, Run("user", "admin", "nobody@example.com").ExitCode);
    }

    [Fact]
    public async Task User_delete_removes_the_user()
    {
        await _store.Directory.AddDomainAsync("example.com", Ct);
        await _store.Directory.AddUserAsync("bob@example.com", "pw", Ct);
        await _store.Settings.SaveUserAsync("bob@example.com", Kakunin.Store.Settings.UserSettings.Default with { Language = "ja" }, Ct);

        Assert.Equal(0, Run("user", "delete", "bob@example.com").ExitCode);

        Assert.Null(await _store.Directory.FindUserIdAsync("bob@example.com", Ct));
        Assert.Equal(1, Run("user", "delete", "bob@example.com").ExitCode);
    }

    [Fact]
    public async Task Alias_add_and_list()
    {
        await _store.Directory.AddDomainAsync("example.com", Ct);

        Assert.Equal(0, Run("alias", "add", "Info@example.com", "bob@example.com", "partner@remote.test").ExitCode);
        Assert.Equal(0, Run("alias", "add", "abuse@example.com", "bob@example.com").ExitCode);
        var refused = Run("alias", "add", "info@elsewhere.test", "bob@example.com");

        Assert.Equal("abuse@example.com: bob@example.com\ninfo@example.com: bob@example.com, partner@remote.test\n", Normalize(Run("alias", "list").Output));
        Assert.Equal(["bob@example.com", "partner@remote.test"], await _store.Directory.GetAliasTargetsAsync("info@example.com", Ct));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("elsewhere.test is not a local domain", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mailbox_list_and_show_a_stored_message()
    {
        await _store.Directory.AddDomainAsync("example.com", Ct);
        await _store.Directory.AddUserAsync("bob@example.com", "pw", Ct);
        const string raw = "From: Alice <alice@remote.test>\r\nTo: bob@example.com\r\nSubject: =?UTF-8?B?6Kq/5p+7?= report\r\n\r\nHello Bob\r\n";
        var id = await _store.Mailboxes.AppendAsync("bob@example.com", MailFolders.Inbox, Encoding.UTF8.GetBytes(raw), "\\Seen", T0, Ct);
        await _store.Mailboxes.AppendAsync("bob@example.com", MailFolders.Sent, "Subject: sent one\r\n\r\nx\r\n"u8.ToArray(), string.Empty, T0, Ct);

        var (exit, output, _) = Run("mailbox", "list", "bob@example.com", "--format", "json");

        Assert.Equal(0, exit);
        using var line = JsonDocument.Parse(Assert.Single(Normalize(output).Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        var m = line.RootElement;
        Assert.Equal(id, m.GetProperty("id").GetInt64());
        Assert.Equal("Inbox", m.GetProperty("folder").GetString());
        Assert.Equal("Alice <alice@remote.test>", m.GetProperty("from").GetString());
        Assert.Equal("調査 report", m.GetProperty("subject").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(raw), m.GetProperty("size").GetInt64());
        Assert.Equal("\\Seen", m.GetProperty("flags").GetString());
        Assert.Equal(T0, m.GetProperty("receivedAt").GetDateTimeOffset());

        var table = Run("mailbox", "list", "bob@example.com", "--folder", "Sent").Output;
        Assert.Contains("sent one", table, StringComparison.Ordinal);
        Assert.DoesNotContain("report", table, StringComparison.Ordinal);

        var show = Run("mailbox", "show", "bob@example.com", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, show.ExitCode);
        Assert.Equal(raw, show.Output);
        Assert.Equal(1, Run("mailbox", "show", "bob@example.com", "999").ExitCode);
        Assert.Equal(1, Run("mailbox", "list", "nobody@example.com").ExitCode);
    }

    [Fact]
    public async Task Queue_list_show_retry_and_delete()
    {
        var q = await _store.Queue.EnqueueAsync(
            new NewQueueMessage("Q7K2", "alice@example.com", [new NewQueueRecipient("x@remote.test"), new NewQueueRecipient("y@remote.test")],
                "From: alice@example.com\r\nSubject: Contract 118\r\n\r\nbody text\r\n"u8.ToArray(), T0, EnvelopeId: "env-118"),
            Ct);
        var later = DateTimeOffset.UtcNow.AddHours(2);
        await _store.Writer.WriteAsync(tx =>
        {
            var x = QueueRepository.GetRecipient(tx, q.RecipientIds[0])!;
            QueueRepository.Update(tx, x with { State = RecipientState.Deferred, Attempts = 2, NextAttemptAt = later, Status = "4.2.2", Diagnostic = "452 4.2.2 Mailbox full" });
        }, Ct);

        // list (json)
        var (exit, output, _) = Run("queue", "list", "--format", "json");
        Assert.Equal(0, exit);
        using (var doc = JsonDocument.Parse(Normalize(output).Trim()))
        {
            var m = doc.RootElement;
            Assert.Equal("Q7K2", m.GetProperty("queueId").GetString());
            Assert.Equal("alice@example.com", m.GetProperty("sender").GetString());
            var x = m.GetProperty("recipients")[0];
            Assert.Equal("x@remote.test", x.GetProperty("address").GetString());
            Assert.Equal("deferred", x.GetProperty("state").GetString());
            Assert.Equal(2, x.GetProperty("attempts").GetInt32());
            Assert.Equal("452 4.2.2 Mailbox full", x.GetProperty("diagnostic").GetString());
            Assert.Equal("pending", m.GetProperty("recipients")[1].GetProperty("state").GetString());
        }

        // list (table) and show
        var table = Run("queue", "list").Output;
        Assert.Contains("Mailbox full", table, StringComparison.Ordinal);
        var show = Run("queue", "show", "Q7K2");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("Envelope-Id: env-118", show.Output, StringComparison.Ordinal);
        Assert.Contains("Recipient: y@remote.test", show.Output, StringComparison.Ordinal);
        Assert.Contains("Subject: Contract 118", show.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("body text", show.Output, StringComparison.Ordinal);
        Assert.Equal(1, Run("queue", "show", "NOPE").ExitCode);

        // retry: the deferred recipient becomes due now, attempts unchanged
        var before = DateTimeOffset.UtcNow;
        Assert.Equal(0, Run("queue", "retry", "Q7K2").ExitCode);
        var after = DateTimeOffset.UtcNow;
        var retried = (await _store.Queue.FindAsync("Q7K2", Ct))!.Value.Recipients[0];
        Assert.Equal(RecipientState.Deferred, retried.State);
        Assert.Equal(2, retried.Attempts);
        Assert.InRange(retried.NextAttemptAt, before.AddMilliseconds(-1), after);
        Assert.Contains(await _store.Queue.GetDueAsync(after, 10, Ct), d => d.Recipient.Id == q.RecipientIds[0]);
        var usage = Run("queue", "retry"); // neither id nor --all: a usage error (System.CommandLine exits with 1)
        Assert.Equal(1, usage.ExitCode);
        Assert.Contains("Give a queue id or --all", usage.Error, StringComparison.Ordinal);

        // delete: both open recipients and the (untracked) message go
        var delete = Run("queue", "delete", "Q7K2");
        Assert.Equal(0, delete.ExitCode);
        Assert.Null(await _store.Queue.FindAsync("Q7K2", Ct));
        Assert.Equal(0, await _store.Queue.CountOpenRecipientsAsync(Ct));
        Assert.Equal("the queue is empty\n", Normalize(Run("queue", "list").Output));
        Assert.Equal(1, Run("queue", "delete", "Q7K2").ExitCode);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
