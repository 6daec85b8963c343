using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Kakunin.IntegrationTests.Peers;

namespace Kakunin.IntegrationTests.Webhooks;

/// <summary>
/// tests/peers/webhooks/receiver.js run by node: a real HTTP receiver that checks every request with the
/// `standardwebhooks` npm package (the specification's reference verifier) and reports each as a JSON line.
/// Needs `npm ci` in tests/peers/webhooks (.ci/run does it).
/// </summary>
public sealed class NodeReceiver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly TaskCompletionSource<int> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _errors = new();

    private NodeReceiver(Process process) => _process = process;

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/kakunin";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Starts the receiver for <paramref name="secret"/> on <paramref name="port"/> (0: any); <paramref name="failFirst"/> answers 500 to that many requests; <paramref name="delayMs"/> waits before each answer.</summary>
    public static async Task<NodeReceiver> StartAsync(string secret, int port = 0, int failFirst = 0, int delayMs = 0)
    {
        var script = PeerFiles.Find("webhooks", "receiver.js");
        if (!Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "standardwebhooks")))
        {
            throw new InvalidOperationException("tests/peers/webhooks has no node_modules: run `npm ci` there (.ci/run does)");
        }

        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(secret);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment["RECEIVER_FAIL_FIRST"] = failFirst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["RECEIVER_DELAY_MS"] = delayMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var receiver = new NodeReceiver(Process.Start(info) ?? throw new InvalidOperationException("could not start node"));
        receiver._process.OutputDataReceived += (_, e) => receiver.OnLine(e.Data);
        receiver._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) receiver._errors.Enqueue(e.Data); };
        receiver._process.BeginOutputReadLine();
        receiver._process.BeginErrorReadLine();
        receiver.Port = await receiver._listening.Task.WaitAsync(TimeSpan.FromSeconds(20));
        return receiver;
    }

    /// <summary>Waits until a received webhook matches, or fails with what was received.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out waiting for {what}; received:\n{string.Join('\n', _received)}\n{string.Join('\n', _errors)}");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        if (root.TryGetProperty("listening", out var port))
        {
            _listening.TrySetResult(port.GetInt32());
            return;
        }

        _received.Enqueue(new ReceivedWebhook(
            root.GetProperty("id").GetString(), root.GetProperty("verified").GetBoolean(), root.GetProperty("error").GetString(), root.GetProperty("type").GetString(),
            root.GetProperty("event_id").GetString(), root.GetProperty("status").GetInt32(), root.GetProperty("received_ms").GetInt64()));
    }
}

/// <summary>One request the receiver got: its webhook-id, whether `standardwebhooks` verified it, the payload's type and event id, the status it answered.</summary>
public sealed record ReceivedWebhook(string? Id, bool Verified, string? Error, string? Type, string? EventId, int Status, long ReceivedMs);
