using Kakunin.Store;
using Kakunin.Webhooks.Dispatch;

namespace Kakunin.Webhooks.Tests;

/// <summary>
/// The disabling rule (docs/webhooks.md): an endpoint whose every attempt failed for <see cref="WebhookOptions.DisableAfter"/>
/// and at least <see cref="WebhookOptions.DisableAfterFailures"/> times in a row is disabled, and its owner finds a notice in the INBOX.
/// </summary>
public sealed class DisablingTests
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task Failing_for_the_whole_window_disables_the_endpoint_and_tells_its_owner()
    {
        await using var t = await OutboxStore.OpenAsync();
        var endpoint = await t.AddEndpointAsync(Alice);
        await t.SendAsync(Alice, "carol@remote.test");
        var options = new WebhookOptions { DisableAfter = TimeSpan.FromHours(1), DisableAfterFailures = 3 };
        var delivery = new DueDelivery(await DeliveryIdAsync(t), endpoint.Id, 0, 0, OutboxStore.T0, endpoint.Url, endpoint.Secret);

        await FailAsync(t, options, delivery, OutboxStore.T0, 500);
        await FailAsync(t, options, delivery with { Attempts = 1 }, OutboxStore.T0.AddMinutes(30), null);
        Assert.True((await t.Endpoints.FindAsync(Alice, endpoint.Id, TestContext.Current.CancellationToken))!.Enabled); // 2 failures, 30 minutes: not yet
        var disabled = await FailAsync(t, options, delivery with { Attempts = 2 }, OutboxStore.T0.AddMinutes(61), 503);

        Assert.Equal([endpoint.Id], disabled);
        var after = (await t.Endpoints.FindAsync(Alice, endpoint.Id, TestContext.Current.CancellationToken))!;
        Assert.False(after.Enabled);
        Assert.Contains("failed", after.DisabledReason, StringComparison.Ordinal);
        var inbox = await t.Store.Mailboxes.ListAsync(Alice, MailFolders.Inbox, TestContext.Current.CancellationToken);
        var notice = MimeKit.MimeMessage.Load(new MemoryStream(inbox.Single().Content.ToArray()));
        Assert.Equal("Webhook disabled: " + endpoint.Url, notice.Subject);
        Assert.Contains("Re-enable", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_in_between_starts_the_count_over()
    {
        await using var t = await OutboxStore.OpenAsync();
        var endpoint = await t.AddEndpointAsync(Alice);
        await t.SendAsync(Alice, "carol@remote.test");
        var options = new WebhookOptions { DisableAfter = TimeSpan.FromHours(1), DisableAfterFailures = 2 };
        var delivery = new DueDelivery(await DeliveryIdAsync(t), endpoint.Id, 0, 0, OutboxStore.T0, endpoint.Url, endpoint.Secret);

        await FailAsync(t, options, delivery, OutboxStore.T0, 500);
        await t.Store.Writer.WriteAsync(tx => AttemptResults.Apply(tx, [new AttemptResult(delivery with { Attempts = 1 }, OutboxStore.T0.AddMinutes(10), 204, null)], options), TestContext.Current.CancellationToken);
        await t.SendAsync(Alice, "dave@remote.test");
        var second = delivery with { Id = await DeliveryIdAsync(t) };
        Assert.Empty(await FailAsync(t, options, second, OutboxStore.T0.AddMinutes(61), 500));
        Assert.True((await t.Endpoints.FindAsync(Alice, endpoint.Id, TestContext.Current.CancellationToken))!.Enabled);
    }

    private static Task<List<long>> FailAsync(OutboxStore t, WebhookOptions options, DueDelivery delivery, DateTimeOffset at, int? status) =>
        t.Store.Writer.WriteAsync(tx => AttemptResults.Apply(tx, [new AttemptResult(delivery, at, status, "no")], options), TestContext.Current.CancellationToken);

    private static async Task<long> DeliveryIdAsync(OutboxStore t)
    {
        await using var connection = await t.Store.OpenReadConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(id) FROM webhook_deliveries";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
