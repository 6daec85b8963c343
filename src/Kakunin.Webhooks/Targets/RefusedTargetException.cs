namespace Kakunin.Webhooks.Targets;

/// <summary>A webhook's target resolved only to addresses it may not be sent to (<see cref="TargetAddressPolicy"/>).</summary>
public sealed class RefusedTargetException : Exception
{
    public RefusedTargetException()
    {
    }

    public RefusedTargetException(string message)
        : base(message)
    {
    }

    public RefusedTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
