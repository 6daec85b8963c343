namespace Kakunin.Protocol.Tests;

public class EnhancedStatusCodeRegistryTests
{
    // Highest detail per subject in the IANA registry (updated 2024-12-06), read from the registry:
    // X.0.0; X.1.10 null MX (RFC 7505); X.2.4; X.3.6 (RFC 6710); X.4.7; X.5.6 (RFC 4954);
    // X.6.10 (RFC 6531, deprecated); X.7.30 REQUIRETLS (RFC 8689).
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10)]
    [InlineData(2, 4)]
    [InlineData(3, 6)]
    [InlineData(4, 7)]
    [InlineData(5, 6)]
    [InlineData(6, 10)]
    [InlineData(7, 30)]
    public void Every_subject_has_contiguous_details_up_to_the_registry_maximum(int subject, int maxDetail)
    {
        var details = EnhancedStatusCodeRegistry.Entries.Where(e => e.Subject == subject).Select(e => e.Detail).ToArray();
        Assert.Equal(Enumerable.Range(0, maxDetail + 1), details);
    }

    [Fact]
    public void Registry_holds_81_codes() => Assert.Equal(81, EnhancedStatusCodeRegistry.Entries.Count);

    [Theory]
    [InlineData("5.7.26", "Multiple authentication checks failed", "RFC 7372")]
    [InlineData("5.7.27", "Sender address has null MX", "RFC 7505")]
    [InlineData("5.7.29", "ARC validation failure", "RFC 8617")]
    [InlineData("5.7.30", "REQUIRETLS support required", "RFC 8689")]
    [InlineData("5.1.10", "Recipient address has null MX", "RFC 7505, RFC 7504")]
    [InlineData("5.7.8", "Authentication credentials invalid", "RFC 4954")]
    [InlineData("5.7.14", "Trust relationship required", "RFC 5248")]
    [InlineData("5.6.7", "Non-ASCII addresses not permitted for that sender/recipient", "RFC 6531")]
    [InlineData("2.1.9", "Message relayed to non-compliant mailer", "RFC 3886")]
    public void Known_entries_have_registry_titles_and_references(string code, string title, string definedBy)
    {
        Assert.True(EnhancedStatusCodeRegistry.TryGet(EnhancedStatusCode.Parse(code), out var info));
        Assert.Equal(title, info.Title);
        Assert.Equal(definedBy, info.DefinedBy);
    }

    [Fact]
    public void Every_entry_has_english_and_japanese_text_and_some_class()
    {
        foreach (var e in EnhancedStatusCodeRegistry.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Title), e.Pattern);
            Assert.False(string.IsNullOrWhiteSpace(e.MeaningEn), e.Pattern);
            Assert.False(string.IsNullOrWhiteSpace(e.MeaningJa), e.Pattern);
            Assert.Contains(e.MeaningJa, c => c > '\u3000'); // really Japanese, not a copy of the English
            Assert.NotEqual(StatusClasses.None, e.AllowedClasses);
            Assert.StartsWith(e.DefinedBy.StartsWith("draft-", StringComparison.Ordinal) ? "draft-" : "RFC ", e.DefinedBy, StringComparison.Ordinal);
        }

        Assert.Equal(8, EnhancedStatusCodeRegistry.Subjects.Count);
        Assert.Equal([2, 4, 5], EnhancedStatusCodeRegistry.Classes.Select(c => c.Class));
    }

    [Fact]
    public void Only_X_6_10_is_deprecated() =>
        Assert.Equal("X.6.10", Assert.Single(EnhancedStatusCodeRegistry.Entries, e => e.Deprecated).Pattern);

    [Fact]
    public void Describes_in_japanese_and_english()
    {
        Assert.Equal("宛先のメールボックスが存在しません(@ より前の部分が不明です)。", EnhancedStatusCodeRegistry.Describe(EnhancedStatusCodes.BadDestinationMailbox, "ja"));
        Assert.Equal(EnhancedStatusCodeRegistry.Describe(EnhancedStatusCodes.BadDestinationMailbox, "ja"), EnhancedStatusCodeRegistry.Describe(EnhancedStatusCodes.BadDestinationMailbox, "ja-JP"));
        Assert.Contains("does not exist", EnhancedStatusCodeRegistry.Describe(EnhancedStatusCodes.BadDestinationMailbox, "en"), StringComparison.Ordinal);
        Assert.Contains("does not exist", EnhancedStatusCodeRegistry.Describe(EnhancedStatusCodes.BadDestinationMailbox, "jam"), StringComparison.Ordinal);
    }

    [Fact]
    public void Unregistered_detail_falls_back_to_subject_then_class()
    {
        Assert.True(EnhancedStatusCodeRegistry.TryGetSubject(1, out var addressing));
        Assert.Equal(addressing.MeaningJa, EnhancedStatusCodeRegistry.Describe(new EnhancedStatusCode(5, 1, 99), "ja"));
        Assert.True(EnhancedStatusCodeRegistry.TryGetClass(4, out var transient));
        Assert.Equal(transient.MeaningEn, EnhancedStatusCodeRegistry.Describe(new EnhancedStatusCode(4, 9, 9), "en"));
    }

    [Theory]
    [InlineData("5.1.1", true)]
    [InlineData("2.1.5", true)]
    [InlineData("5.1.5", false)]  // RFC 3463 §3.2: X.1.5 is for positive reports
    [InlineData("4.3.1", true)]
    [InlineData("5.3.1", false)]  // RFC 3463 §3.4: X.3.1 only as a persistent transient error
    [InlineData("5.7.30", true)]
    [InlineData("5.9.9", false)]
    public void Knows_which_class_a_code_is_meant_for(string code, bool expected) =>
        Assert.Equal(expected, EnhancedStatusCodeRegistry.IsRegisteredForClass(EnhancedStatusCode.Parse(code)));

    [Fact]
    public void Named_codes_are_registered_for_their_class()
    {
        var named = typeof(EnhancedStatusCodes).GetFields().Select(f => (EnhancedStatusCode)f.GetValue(null)!).ToArray();
        Assert.NotEmpty(named);
        Assert.All(named, c => Assert.True(EnhancedStatusCodeRegistry.IsRegisteredForClass(c), c.ToString()));
    }
}
