using System.Collections.Concurrent;
using Kakunin.Queue.Scheduling;
using Kakunin.Store;
using Microsoft.Extensions.Time.Testing;

namespace Kakunin.Queue.Tests;

/// <summary>
/// The remote side of the scheduler on its own: deliveries are the test's (each waits until the test releases it),
/// so what runs at once, in which order, and what is suspended can be observed exactly.
/// </summary>
public sealed class DestinationSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_destination_never_runs_more_than_its_window_and_widens_as_it_answers()
    {
        var h = new Harness(new QueueOptions { HostName = "mx.test", InitialDestinationConcurrency = 2, DestinationConcurrencyLimit = 3 });
        for (var i = 0; i < 6; i++)
        {
            h.Scheduler.Enqueue(h.Job("slow.test"));
        }

        await h.RunningAsync(2);
        Assert.Equal(2, h.Running.Count); // the initial window
        h.Finish(DeliveryFeedback.Responsive); // 2 + 1/2 = 2.5: still two at once
        await h.RunningAsync(2);
        h.Finish(DeliveryFeedback.Responsive); // 2.5 + 0.4 = 2.9
        await h.RunningAsync(2);
        h.Finish(DeliveryFeedback.Responsive); // 2.9 + 0.34 → 3 (the limit)
        await h.RunningAsync(3);
        Assert.Equal(3, h.MaxRunning);
    }

    [Fact]
    public async Task Destinations_take_turns_for_the_global_limit()
    {
        var h = new Harness(new QueueOptions { HostName = "mx.test", RemoteConcurrency = 1 });
        for (var i = 0; i < 3; i++)
        {
            h.Scheduler.Enqueue(h.Job("a.test"));
        }

        h.Scheduler.Enqueue(h.Job("b.test"));
        h.Scheduler.Enqueue(h.Job("c.test"));
        var order = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await h.RunningAsync(1);
            order.Add(h.Running.Keys.Single().Domain!);
            h.Finish(DeliveryFeedback.Responsive);
        }

        // b and c do not wait behind all of a's mail.
        Assert.True(order.IndexOf("b.test") < 3 && order.IndexOf("c.test") < 3, string.Join(", ", order));
    }

    [Fact]
    public async Task A_destination_that_stops_answering_is_suspended_and_probed_after_the_backoff()
    {
        var h = new Harness(new QueueOptions { HostName = "mx.test", InitialDestinationConcurrency = 2, DeadDestinationBackoff = TimeSpan.FromMinutes(5) });
        for (var i = 0; i < 5; i++)
        {
            h.Scheduler.Enqueue(h.Job("down.test"));
        }

        await h.RunningAsync(2);
        h.Finish(DeliveryFeedback.Unresponsive, "connection refused"); // window 2 → 1
        await h.RunningAsync(1);
        h.Finish(DeliveryFeedback.Unresponsive, "connection refused"); // at 1: dead; the three waiting are deferred
        await h.SuspendedAsync(3);
        Assert.All(h.Suspended, s => Assert.Equal("delivery to down.test temporarily suspended: connection refused", s.Reason));
        Assert.Equal(("down.test", Start.AddMinutes(5)), h.Dead.Single());

        h.Scheduler.Enqueue(h.Job("down.test")); // while dead: deferred at once, no attempt
        await h.SuspendedAsync(4);

        h.Time.Advance(TimeSpan.FromMinutes(5));
        h.Scheduler.Enqueue(h.Job("down.test"));
        await h.RunningAsync(1); // probed with one session
        Assert.Equal(1, h.Scheduler.ActiveRecipients);
    }

    [Fact]
    public async Task Failures_one_message_at_a_time_still_declare_the_destination_dead()
    {
        // Mail that trickles in: each delivery fails before the next message arrives, so the destination is idle in
        // between. Its narrowed window must be remembered across those idle moments.
        var h = new Harness(new QueueOptions { HostName = "mx.test", InitialDestinationConcurrency = 3 });
        for (var i = 0; i < 3; i++)
        {
            h.Scheduler.Enqueue(h.Job("down.test"));
            await h.RunningAsync(1);
            h.Finish(DeliveryFeedback.Unresponsive, "connection refused");
        }

        for (var i = 0; i < 200 && h.Dead.IsEmpty; i++)
        {
            await Task.Delay(10); // the scheduler takes the last result on its own thread
        }

        Assert.Single(h.Dead);
        h.Scheduler.Enqueue(h.Job("down.test"));
        await h.SuspendedAsync(1);
    }

    [Fact]
    public async Task Messages_in_flight_stay_within_the_memory_budget_but_one_always_goes()
    {
        var h = new Harness(new QueueOptions { HostName = "mx.test", RemoteMemoryBudget = 100 });
        h.Scheduler.Enqueue(h.Job("a.test", size: 60));
        h.Scheduler.Enqueue(h.Job("b.test", size: 60));
        h.Scheduler.Enqueue(h.Job("c.test", size: 500)); // bigger than the budget on its own
        await h.RunningAsync(1);
        h.Finish(DeliveryFeedback.Responsive);
        await h.RunningAsync(1);
        h.Finish(DeliveryFeedback.Responsive);
        await h.RunningAsync(1);
        Assert.Equal(1, h.MaxRunning);
        h.Finish(DeliveryFeedback.Responsive);
    }

    [Fact]
    public void A_full_destination_names_its_domains_so_the_fetch_leaves_them_out()
    {
        var h = new Harness(new QueueOptions { HostName = "mx.test", InitialDestinationConcurrency = 1, DestinationQueueLimit = 2 });
        h.Scheduler.Enqueue(h.Job("a.test", destination: "[relay]:25"));
        h.Scheduler.Enqueue(h.Job("b.test", destination: "[relay]:25"));
        Assert.Empty(h.Scheduler.FullDomains());
        h.Scheduler.Enqueue(h.Job("c.test", destination: "[relay]:25"));
        Assert.Equal(["b.test", "c.test"], h.Scheduler.FullDomains().Order());
    }

    private sealed class Harness
    {
        private long _nextId;

        public Harness(QueueOptions options)
        {
            Scheduler = new DestinationScheduler(options, Time, DeliverAsync, SuspendAsync, (name, until, _) => Dead.Add((name, until)));
        }

        public FakeTimeProvider Time { get; } = new(Start);

        public DestinationScheduler Scheduler { get; }

        public ConcurrentDictionary<DeliveryJob, TaskCompletionSource<DeliveryOutcome>> Running { get; } = new();

        public ConcurrentBag<(DeliveryJob Job, string Reason)> Suspended { get; } = [];

        public ConcurrentBag<(string, DateTimeOffset)> Dead { get; } = [];

        public int MaxRunning { get; private set; }

        public DeliveryJob Job(string domain, long size = 1000, string? destination = null)
        {
            var id = Interlocked.Increment(ref _nextId);
            var message = new QueueMessageRecord(id, $"Q{id}", "alice@mx.test", null, null, null, false, "alice@mx.test", true, false, Start, size, "active");
            var recipient = new QueueRecipientRecord(id, id, null, $"user@{domain}", null, null, null, RecipientState.Pending, 0, Start, null, null, null, null, null, false, false, false, Start);
            return new DeliveryJob(message, [recipient], domain, destination ?? domain, null);
        }

        /// <summary>Ends the oldest running delivery with <paramref name="feedback"/>.</summary>
        public void Finish(DeliveryFeedback feedback, string? error = null)
        {
            var job = Running.Keys.MinBy(j => j.Message.Id)!;
            Running.TryRemove(job, out var done);
            done!.SetResult(new DeliveryOutcome(feedback, error));
        }

        public Task RunningAsync(int count) => Until(() => Running.Count == count, $"{count} running (now {Running.Count})");

        public Task SuspendedAsync(int count) => Until(() => Suspended.Count == count, $"{count} suspended (now {Suspended.Count})");

        private static async Task Until(Func<bool> condition, string what)
        {
            for (var i = 0; i < 500 && !condition(); i++)
            {
                await Task.Delay(10);
            }

            Assert.True(condition(), what);
            await Task.Delay(50); // and nothing more starts meanwhile
            Assert.True(condition(), what);
        }

        private Task<DeliveryOutcome> DeliverAsync(DeliveryJob job)
        {
            var done = new TaskCompletionSource<DeliveryOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            Running[job] = done;
            MaxRunning = Math.Max(MaxRunning, Running.Count);
            return done.Task;
        }

        private Task SuspendAsync(DeliveryJob job, string reason)
        {
            Suspended.Add((job, reason));
            return Task.CompletedTask;
        }
    }
}
