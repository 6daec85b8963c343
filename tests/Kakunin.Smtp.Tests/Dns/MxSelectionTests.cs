using Kakunin.Protocol;
using Kakunin.Smtp.Dns;

namespace Kakunin.Smtp.Tests.Dns;

/// <summary>RFC 5321 §5.1 ordering and RFC 7505 null MX.</summary>
public sealed class MxSelectionTests
{
    [Fact]
    public void Orders_by_preference_lowest_first()
    {
        var r = MxSelection.Select("example.com", [(20, "mx2.example.com."), (10, "mx1.example.com."), (30, "mx3.example.com.")], new Random(1));
        Assert.NotNull(r);
        Assert.Equal(["mx1.example.com", "mx2.example.com", "mx3.example.com"], r.Hosts);
        Assert.Null(r.Failure);
    }

    [Fact]
    public void Equal_preferences_are_shuffled_but_stay_ahead_of_higher_ones()
    {
        var orders = new HashSet<string>();
        for (var seed = 0; seed < 50; seed++)
        {
            var r = MxSelection.Select("example.com", [(10, "a."), (10, "b."), (10, "c."), (20, "z.")], new Random(seed))!;
            Assert.Equal("z", r.Hosts[^1]);
            orders.Add(string.Join(',', r.Hosts));
        }
        Assert.True(orders.Count > 1, "hosts of equal preference are randomised");
    }

    [Fact]
    public void A_single_dot_is_a_null_mx_and_fails_permanently_with_5_1_10()
    {
        var r = MxSelection.Select("nomail.example", [(0, ".")], new Random(1));
        Assert.NotNull(r?.Failure);
        Assert.True(r.Failure.IsPermanent);
        Assert.Equal(EnhancedStatusCodes.RecipientNullMx, r.Failure.Status);
        Assert.Empty(r.Hosts);
    }

    [Fact]
    public void A_dot_among_real_hosts_is_skipped()
    {
        var r = MxSelection.Select("example.com", [(0, "."), (10, "mx.example.com.")], new Random(1));
        Assert.Equal(["mx.example.com"], r!.Hosts);
    }

    [Fact]
    public void No_records_means_the_caller_uses_the_implicit_mx() =>
        Assert.Null(MxSelection.Select("example.com", [], new Random(1)));
}
