using System.Net;
using Kakunin.Smtp.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>
/// The registry of live connections: at the limit a newcomer takes the slot of the idlest waiting session (a stalled
/// handshake first) instead of getting 421; stress (Postfix STRESS_README) shortens waits and is logged once per change.
/// </summary>
public sealed class ConnectionLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
    private readonly ListLogger _log = new();

    private SmtpConnectionLimiter Limiter(int max, double stress = 0.7) => new(
        Microsoft.Extensions.Options.Options.Create(new SmtpServerOptions { MaxConnections = max, MaxConnectionsPerAddress = max, StressThreshold = stress, EvictionMinimumIdle = TimeSpan.FromSeconds(2) }),
        _time,
        _log);

    private static IPAddress Client(int n) => IPAddress.Parse($"127.0.0.{n}");

    [Fact]
    public void At_the_limit_a_stalled_handshake_gives_its_slot_to_a_newcomer()
    {
        var limiter = Limiter(3);
        var waitingCommand = limiter.TryEnter(Client(2), out _)!;
        var handshake = limiter.TryEnter(Client(3), out _)!;
        var busy = limiter.TryEnter(Client(4), out _)!;
        waitingCommand.Wait(SmtpConnectionPhase.Command);
        _time.Advance(TimeSpan.FromSeconds(30));
        handshake.Wait(SmtpConnectionPhase.Handshake);
        _time.Advance(TimeSpan.FromSeconds(5));

        var newcomer = limiter.TryEnter(Client(5), out var refusal);

        Assert.NotNull(newcomer);
        Assert.Null(refusal);
        Assert.True(handshake.Evicted.IsCancellationRequested);
        Assert.False(waitingCommand.Evicted.IsCancellationRequested);
        Assert.False(busy.Evicted.IsCancellationRequested);
        Assert.Equal(3, limiter.Count);

        // The evicted session's own exit later gives back nothing more.
        limiter.Exit(handshake);
        Assert.Equal(3, limiter.Count);
    }

    [Fact]
    public void Without_a_handshake_the_session_idle_longest_is_closed()
    {
        var limiter = Limiter(2);
        var older = limiter.TryEnter(Client(2), out _)!;
        older.Wait(SmtpConnectionPhase.Command);
        _time.Advance(TimeSpan.FromSeconds(20));
        var newer = limiter.TryEnter(Client(3), out _)!;
        newer.Wait(SmtpConnectionPhase.Command);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.NotNull(limiter.TryEnter(Client(4), out _));
        Assert.True(older.Evicted.IsCancellationRequested);
        Assert.False(newer.Evicted.IsCancellationRequested);
    }

    [Fact]
    public void Busy_or_just_answered_sessions_are_never_closed_for_a_newcomer()
    {
        var limiter = Limiter(2);
        var busy = limiter.TryEnter(Client(2), out _)!;
        var justAnswered = limiter.TryEnter(Client(3), out _)!;
        _time.Advance(TimeSpan.FromMinutes(1));
        justAnswered.Wait(SmtpConnectionPhase.Command);
        _time.Advance(TimeSpan.FromSeconds(1)); // under EvictionMinimumIdle

        Assert.Null(limiter.TryEnter(Client(4), out var refusal));
        Assert.StartsWith("421", refusal!.Format(), StringComparison.Ordinal);
        Assert.False(busy.Evicted.IsCancellationRequested || justAnswered.Evicted.IsCancellationRequested);
    }

    [Fact]
    public void Stress_turns_on_and_off_once_per_change()
    {
        var limiter = Limiter(10, stress: 0.5);
        var slots = Enumerable.Range(2, 8).Select(n => limiter.TryEnter(Client(n), out _)!).ToList();
        Assert.True(limiter.Stressed);
        foreach (var slot in slots)
        {
            limiter.Exit(slot);
        }

        Assert.False(limiter.Stressed);
        Assert.Equal(["SMTP stress mode on: 5 of 10 connections open", "SMTP stress mode off: 4 of 10 connections open"], _log.Lines);
    }

    [Fact]
    public async Task An_evicted_session_waiting_for_a_command_is_answered_421_4_7_0()
    {
        var limiter = Limiter(1);
        var slot = limiter.TryEnter(Client(2), out _)!;
        var connection = new InMemorySmtpConnection(new SmtpServerOptions { HostName = "mx.test.example" }, new FakeSmtpBackend(), time: _time, slot: slot);
        await connection.ReceiveUntilAsync("220 ");
        await connection.SendAsync("EHLO client.example\r\n");
        await connection.ReceiveUntilAsync("250 ");
        await DeadlineTests.AdvanceAsync(connection, TimeSpan.FromSeconds(3));

        Assert.NotNull(limiter.TryEnter(Client(3), out _));

        Assert.EndsWith("421 4.7.0 Too many connections, closing idle session\r\n", await connection.ReceiveUntilAsync(null), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_stress_a_silent_client_is_closed_after_the_stress_timeout()
    {
        var limiter = Limiter(4, stress: 0.5);
        var slot = limiter.TryEnter(Client(2), out _)!;
        limiter.TryEnter(Client(3), out _);
        Assert.True(limiter.Stressed);
        var connection = new InMemorySmtpConnection(new SmtpServerOptions { HostName = "mx.test.example" }, new FakeSmtpBackend(), time: _time, slot: slot);
        await connection.ReceiveUntilAsync("220 ");

        await DeadlineTests.AdvanceAsync(connection, TimeSpan.FromSeconds(15)); // StressTimeout 10 s, CommandTimeout 5 min

        Assert.True(connection.Running.IsCompleted);
        Assert.Contains("421 Timeout exceeded", await connection.ReceiveUntilAsync(null), StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger<SmtpConnectionLimiter>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 14)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
