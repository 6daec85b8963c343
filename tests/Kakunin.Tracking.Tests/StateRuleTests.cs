namespace Kakunin.Tracking.Tests;

/// <summary>
/// The rule that keeps a tracked recipient's current state from going backwards, and from being moved by anyone
/// nobody vouched for (docs/tracking.md, "The state rule" and "Provenance").
/// </summary>
public sealed class StateRuleTests
{
    [Theory]
    [InlineData(TrackingState.Queued, TrackingState.Deferred, true)]
    [InlineData(TrackingState.Deferred, TrackingState.Relayed, true)]
    [InlineData(TrackingState.Relayed, TrackingState.Delayed, true)]   // the next hop reports it is still trying
    [InlineData(TrackingState.Delayed, TrackingState.Failed, true)]
    [InlineData(TrackingState.Relayed, TrackingState.Delivered, true)]
    [InlineData(TrackingState.Delivered, TrackingState.Failed, true)]  // a later final report is newer evidence
    [InlineData(TrackingState.Delivered, TrackingState.Delayed, false)]
    [InlineData(TrackingState.Failed, TrackingState.Relayed, false)]   // our relay recorded after the remote bounce came back
    [InlineData(TrackingState.Failed, TrackingState.Deferred, false)]
    [InlineData(TrackingState.Delivered, TrackingState.Queued, false)]
    public void Delivery_states_move_onwards_or_sideways_never_backwards(TrackingState current, TrackingState next, bool moves) =>
        Assert.Equal(moves, TrackingStates.Advances(current, next));

    [Theory]
    [InlineData(null, TrackingState.Deleted, true)]
    [InlineData(TrackingState.Deleted, TrackingState.Displayed, true)]
    [InlineData(TrackingState.Processed, TrackingState.Dispatched, true)]
    [InlineData(TrackingState.Displayed, TrackingState.Deleted, false)]
    [InlineData(TrackingState.Displayed, TrackingState.Processed, false)]
    public void Displayed_is_never_replaced(TrackingState? current, TrackingState next, bool moves) =>
        Assert.Equal(moves, TrackingStates.ReadAdvances(current, next));

    [Theory]
    [InlineData(TrackingState.Delivered, TrackingState.Failed, false)] // the forged "5.1.1 failed" of issue 9
    [InlineData(TrackingState.Relayed, TrackingState.Failed, false)]
    [InlineData(TrackingState.Deferred, TrackingState.Failed, false)]
    [InlineData(TrackingState.Queued, TrackingState.Delivered, false)]
    public void An_unverified_report_never_moves_the_delivery_state(TrackingState current, TrackingState claimed, bool local)
    {
        Assert.False(TrackingRules.MovesDelivery(current, claimed, Provenance.Unverified, localRecipient: local));
        Assert.False(TrackingRules.MovesDelivery(current, claimed, Provenance.Unverified, localRecipient: !local));
    }

    [Fact]
    public void An_unverified_read_receipt_never_marks_anyone_read()
    {
        Assert.False(TrackingRules.MovesRead(null, TrackingState.Displayed, Provenance.Unverified, localRecipient: false));
        Assert.False(TrackingRules.MovesRead(null, TrackingState.Displayed, Provenance.Unverified, localRecipient: true));
    }

    [Fact]
    public void An_authenticated_report_moves_a_remote_recipient_as_the_rank_allows()
    {
        Assert.True(TrackingRules.MovesDelivery(TrackingState.Relayed, TrackingState.Failed, Provenance.Authenticated, localRecipient: false));
        Assert.False(TrackingRules.MovesDelivery(TrackingState.Delivered, TrackingState.Delayed, Provenance.Authenticated, localRecipient: false));
        Assert.True(TrackingRules.MovesRead(null, TrackingState.Displayed, Provenance.Authenticated, localRecipient: false));
    }

    [Fact]
    public void A_local_recipients_states_come_only_from_this_server()
    {
        // Even a report with a valid signature cannot say more about our own mailboxes than we know.
        Assert.False(TrackingRules.MovesDelivery(TrackingState.Delivered, TrackingState.Failed, Provenance.Authenticated, localRecipient: true));
        Assert.False(TrackingRules.MovesRead(null, TrackingState.Displayed, Provenance.Authenticated, localRecipient: true));
        Assert.True(TrackingRules.MovesRead(null, TrackingState.Displayed, Provenance.Local, localRecipient: true));
        Assert.True(TrackingRules.MovesDelivery(TrackingState.Queued, TrackingState.Delivered, Provenance.Local, localRecipient: true));
    }

    [Theory]
    [InlineData(TrackingState.Queued, "queued", "queued")]
    [InlineData(TrackingState.Removed, "deleted", "deleted")]
    [InlineData(TrackingState.Deleted, "deleted", "mdn-deleted")] // an MDN's "deleted" is never read as a removal
    [InlineData(TrackingState.Displayed, "displayed", "mdn-displayed")]
    public void Each_state_has_one_stored_word_and_reads_back(TrackingState state, string word, string eventWord)
    {
        Assert.Equal(word, state.Word());
        Assert.Equal(eventWord, state.EventWord());
        Assert.Equal(state, TrackingStates.ParseEvent(eventWord));
    }
}
