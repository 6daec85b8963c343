namespace Kakunin.Web;

/// <summary>Why the server cannot start, in one sentence for the administrator (<c>kakunin serve</c> prints it and exits 1).</summary>
public sealed class ServerStartException : Exception
{
    public ServerStartException(string message)
        : base(message)
    {
    }

    public ServerStartException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ServerStartException()
    {
    }
}
