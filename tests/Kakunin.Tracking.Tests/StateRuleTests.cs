using Kakunin.Store;

namespace Kakunin.Tracking.Tests;

/// <summary>The rule that keeps a tracked recipient's current state from going backwards (docs/tracking.md).</summary>
public sealed class StateRuleTests
{
    [Theory]
    [InlineData("queued", "deferred", true)]
    [InlineData("deferred", "relayed", true)]
    [InlineData("relayed", "delayed", true)]   // the next hop reports it is still trying
    [InlineData("delayed", "failed", true)]
    [InlineData("relayed", "delivered", true)]
    [InlineData("delivered", "failed", true)]  // a later final report is newer evidence
    [InlineData("delivered", "delayed", false)]
    [InlineData("failed", "relayed", false)]   // our relay recorded after the remote bounce came back
    [InlineData("failed", "deferred", false)]
    [InlineData("delivered", "queued", false)]
    public void Delivery_states_move_onwards_or_sideways_never_backwards(string current, string next, bool moves) =>
        Assert.Equal(moves, TrackingStates.Advances(current, next));

    [Theory]
    [InlineData(null, "deleted", true)]
    [InlineData("deleted", "displayed", true)]
    [InlineData("processed", "dispatched", true)]
    [InlineData("displayed", "deleted", false)]
    [InlineData("displayed", "processed", false)]
    public void Displayed_is_never_replaced(string? current, string next, bool moves) =>
        Assert.Equal(moves, TrackingStates.ReadAdvances(current, next));
}
