using Kakunin.Protocol;

namespace Kakunin.Smtp.Server;

/// <summary>The replies a session sends for one input, and what the connection must read next.</summary>
/// <param name="Replies">Replies in order (usually one; a reply then 421 when the session ends).</param>
/// <param name="Next">What to read next.</param>
/// <param name="ChunkSize">For <see cref="SmtpStep.Chunk"/>: the BDAT chunk size in octets.</param>
public sealed record SmtpResponse(IReadOnlyList<SmtpReply> Replies, SmtpStep Next, long ChunkSize = 0)
{
    public static SmtpResponse Reply(SmtpReply reply, SmtpStep next = SmtpStep.Command) => new([reply], next);
}
