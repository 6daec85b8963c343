namespace Kakunin.Web;

/// <summary>
/// How Kestrel's socket transport hands data between the socket and the connection's code (SMTP, IMAP, HTTP). By default
/// it goes through its own queues: bytes received are written into the connection's pipe on one thread pool item and
/// read by the session on another, and every reply flushed is sent by a third — a thread hand-off (a futex wake-up) per
/// command and per reply, about 14 per SMTP message with one connection per message. Inline, the session runs on the
/// thread that received the bytes and sends its reply on its own thread. Nothing in the sessions blocks a thread (every
/// wait is awaited), which is the condition Kestrel names for it (docs/benchmarks.md §1, "Fewer hand-offs").
/// </summary>
internal static class SocketScheduling
{
    public static IWebHostBuilder UseInlineSocketScheduling(this IWebHostBuilder webHost) =>
        webHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
}
