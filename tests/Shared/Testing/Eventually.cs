namespace Kakunin.Tests.Shared.Testing;

/// <summary>Polls a condition every 50 ms until it holds; fails the test when <c>wait</c> passes first.</summary>
internal static class Eventually
{
    public static Task Until(Func<bool> condition, TimeSpan wait, CancellationToken cancellationToken) =>
        Until(() => Task.FromResult(condition()), wait, cancellationToken);

    public static async Task Until(Func<Task<bool>> condition, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out waiting");
            await Task.Delay(50, cancellationToken);
        }
    }
}
