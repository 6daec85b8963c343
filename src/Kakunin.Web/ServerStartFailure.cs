namespace Kakunin.Web;

/// <summary>
/// The one line <c>kakunin serve</c> prints when it cannot start, whatever went wrong (issue 15: never a stack trace at
/// start): the sentence of a <see cref="ServerStartException"/> or of the store's upgrade guard as it is; anything else
/// as "serve could not start:" and the exception's own words (a port in use, a configuration value of the wrong type).
/// </summary>
public static class ServerStartFailure
{
    public static string Sentence(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (failure is ServerStartException or Store.DatabaseTooNewException or Store.StoreUpgradeException)
        {
            return failure.Message;
        }

        var inner = failure.InnerException is { } cause && !failure.Message.Contains(cause.Message, StringComparison.Ordinal) ? $" ({OneLine(cause.Message)})" : string.Empty;
        return $"serve could not start: {OneLine(failure.Message)}{inner}";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
