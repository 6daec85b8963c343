using System.Diagnostics;
using System.Text.Json;
using Kakunin.Webhooks.Dispatch;

namespace Kakunin.Webhooks.Tests;

/// <summary>The benchmark's stage log (docs/webhooks.md, "Where a webhook's time goes"): one JSON line per attempt, stages in order.</summary>
public sealed class StageLogTests
{
    [Fact]
    public void Without_a_file_nothing_is_logged() => Assert.Null(StageLog.Open(null));

    [Fact]
    public async Task After_its_most_lines_it_stops_timing()
    {
        var path = Path.Combine(Path.GetTempPath(), "kakunin-stages-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var log = StageLog.Open(path, maxLines: 1)!;
            Assert.True(log.IsLogging);
            var pass = StageLog.PassBegins(0, 0, "poll");
            log.Attempt(pass, 1, 1, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp(), 204);
            Assert.False(log.IsLogging);
            log.Attempt(pass, 2, 2, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp(), 204);
            await log.DisposeAsync();
            Assert.Single(await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Each_attempt_is_one_JSON_line_with_its_stages_in_order_on_the_wall_clock()
    {
        var path = Path.Combine(Path.GetTempPath(), "kakunin-stages-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var log = StageLog.Open(path)!;
            var pass = StageLog.PassBegins(Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp(), "notice");
            var read = Stopwatch.GetTimestamp();
            var sent = Stopwatch.GetTimestamp();
            log.Attempt(pass, 7, 42, read, sent, Stopwatch.GetTimestamp(), 204);
            log.Attempt(StageLog.PassBegins(0, 0, "poll"), 8, 43, read, sent, Stopwatch.GetTimestamp(), null);
            await log.DisposeAsync();

            var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal((byte)'{', bytes[0]); // no byte order mark: a reader of JSON lines takes the first line as is
            var lines = (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(2, lines.Count);
            var first = lines[0];
            Assert.Equal((7, 42, 204, "notice"), (first.GetProperty("delivery").GetInt64(), first.GetProperty("event").GetInt64(), first.GetProperty("status").GetInt32(), first.GetProperty("woken").GetString()));
            var stages = new[] { "commit_ms", "notice_ms", "wake_ms", "read_ms", "sent_ms", "answered_ms" }.Select(n => first.GetProperty(n).GetDouble()).ToArray();
            Assert.Equal(stages.Order(), stages);
            Assert.InRange(stages[0], before - 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1);
            Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("commit_ms").ValueKind);
            Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("status").ValueKind);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
