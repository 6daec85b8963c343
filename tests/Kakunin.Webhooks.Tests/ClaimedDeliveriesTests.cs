using Kakunin.Webhooks.Dispatch;

namespace Kakunin.Webhooks.Tests;

/// <summary>
/// The rule that keeps one process from sending a delivery twice without a query per delivery: a claim outlives its
/// result's commit until a read of the outbox that began after that commit (one that began before still sees it pending).
/// </summary>
public sealed class ClaimedDeliveriesTests
{
    [Fact]
    public void A_settled_delivery_stays_claimed_until_a_read_that_begins_after_its_commit()
    {
        var claims = new ClaimedDeliveries();
        claims.BeginRead();
        Assert.True(claims.TryClaim(7, 1));
        Assert.False(claims.TryClaim(7, 1)); // taken already

        claims.Settle([7]); // its result is committed while the read above is still going through its rows
        Assert.True(claims.IsClaimed(7)); // so that read must still skip it
        Assert.Equal(0, claims.Unsettled);

        claims.BeginRead(); // a new read sees the commit: the delivery is no longer pending there
        Assert.False(claims.IsClaimed(7));
        Assert.Equal(0, claims.CountFor(1));
    }
}
