using System.Diagnostics.CodeAnalysis;

namespace Kakunin.Protocol;

/// <summary>The outcome of parsing a command: the value, or the exact reply the server should send.</summary>
public sealed class SmtpCommandResult<T>
    where T : class
{
    private SmtpCommandResult(T? value, SmtpReply? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    /// <summary>The reply to send when parsing failed.</summary>
    public SmtpReply? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factory for the result type.")]
    public static SmtpCommandResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factory for the result type.")]
    public static SmtpCommandResult<T> Fail(SmtpReply error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));
}
