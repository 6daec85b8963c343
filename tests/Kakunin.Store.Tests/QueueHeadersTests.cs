using System.Text;

namespace Kakunin.Store.Tests;

public sealed class QueueHeadersTests
{
    [Fact]
    public async Task The_header_section_of_each_message_is_read_in_one_go_up_to_the_blank_line_and_the_bound()
    {
        await using var t = await TempStore.OpenAsync();
        var ct = TestContext.Current.CancellationToken;
        var a = await Queue(t, "Subject: a\r\nFrom: x@y.test\r\n\r\nbody a\r\n");
        var b = await Queue(t, "Subject: b\r\n" + new string('X', 100) + "\r\n\r\nbody b\r\n");
        var c = await Queue(t, "no blank line at all");

        var headers = await QueueHeaders.ReadAsync(t.Store, [a, b, c, 999], 40, ct);

        Assert.Equal("Subject: a\r\nFrom: x@y.test\r\n\r\n", Encoding.ASCII.GetString(headers[a]));
        Assert.Equal(40, headers[b].Length); // bounded
        Assert.Equal("no blank line at all", Encoding.ASCII.GetString(headers[c]));
        Assert.False(headers.ContainsKey(999));
        Assert.Empty(await QueueHeaders.ReadAsync(t.Store, [], 40, ct));
    }

    private static async Task<long> Queue(TempStore t, string content) =>
        (await t.Store.Queue.EnqueueAsync(
            new NewQueueMessage(Guid.NewGuid().ToString("N"), "x@y.test", [new NewQueueRecipient("a@b.test")], Encoding.ASCII.GetBytes(content), DateTimeOffset.UnixEpoch),
            TestContext.Current.CancellationToken)).MessageId;
}
