namespace Kakunin.Webhooks.Dispatch;

/// <summary>
/// One endpoint's deliveries taken in a dispatch pass: a queue worked by at most
/// <see cref="WebhookOptions.MaxConcurrencyPerEndpoint"/> senders, so a pass can take many deliveries at once (one
/// read of the outbox for many webhooks) while one slow receiver still holds only its own few connections.
/// </summary>
internal sealed class EndpointLane(int maxConcurrency, LowPriorityThreads threads, Action<OutgoingWebhook> send, Action idle)
{
    private readonly Lock _lock = new();
    private readonly Queue<OutgoingWebhook> _queue = new();
    private int _running;

    /// <summary>Deliveries queued or being sent.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count + _running;
            }
        }
    }

    public void Enqueue(OutgoingWebhook webhook)
    {
        bool start;
        lock (_lock)
        {
            _queue.Enqueue(webhook);
            start = _running < maxConcurrency;
            if (start)
            {
                _running++;
            }
        }

        if (start)
        {
            threads.Run(Run);
        }
    }

    private void Run()
    {
        while (true)
        {
            OutgoingWebhook? next;
            bool drained;
            lock (_lock)
            {
                if (!_queue.TryDequeue(out next))
                {
                    _running--;
                    drained = _running == 0;
                }
                else
                {
                    drained = false;
                }
            }

            if (next is null)
            {
                if (drained)
                {
                    idle(); // room for the next pass to take more
                }

                return;
            }

            send(next);
        }
    }
}
