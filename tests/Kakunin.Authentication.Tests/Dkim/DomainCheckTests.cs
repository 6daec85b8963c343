using Kakunin.Authentication.Publishing;

namespace Kakunin.Authentication.Tests.Dkim;

public sealed class DomainCheckTests
{
    private static readonly IReadOnlyList<DomainRecord> Expected = DomainRecords.For(
        "example.com", "mx.example.com", [new PublishedKey("r1", "v=DKIM1; k=rsa; p=AAAB", "active")], DateTimeOffset.UnixEpoch);

    private static DomainRecord Of(RecordKind kind) => Expected.First(r => r.Kind == kind);

    [Theory]
    [InlineData(new[] { "10 mx.example.com" }, RecordProblem.None)]
    [InlineData(new[] { "10 mx.elsewhere.net", "20 MX.EXAMPLE.COM" }, RecordProblem.None)]
    [InlineData(new[] { "10 mx.elsewhere.net" }, RecordProblem.MxElsewhere)]
    [InlineData(new[] { "0 " }, RecordProblem.NullMx)] // RFC 7505: "0 ."
    [InlineData(new string[0], RecordProblem.Missing)]
    public void Mx(string[] found, RecordProblem expected) => Assert.Equal(expected, DomainCheck.Judge(Of(RecordKind.Mx), found).Problem);

    [Theory]
    [InlineData(new[] { "v=spf1 mx -all", "google-site-verification=x" }, RecordProblem.None)] // other TXT records are not SPF
    [InlineData(new[] { "v=spf1 mx -all", "v=spf1 a -all" }, RecordProblem.SpfMultiple)] // RFC 7208 §4.5
    [InlineData(new[] { "v=spf1 +all" }, RecordProblem.SpfAllowsAll)]
    [InlineData(new[] { "v=spf1 mx all" }, RecordProblem.SpfAllowsAll)] // the default qualifier is "+"
    [InlineData(new[] { "v=spf10 mx -all" }, RecordProblem.Missing)] // not version 1
    public void Spf(string[] found, RecordProblem expected) => Assert.Equal(expected, DomainCheck.Judge(Of(RecordKind.Spf), found).Problem);

    [Theory]
    [InlineData(new[] { "v=DKIM1; k=rsa; p=AAAB" }, RecordProblem.None)]
    [InlineData(new[] { "v=DKIM1;k=rsa;p=AA AB" }, RecordProblem.None)] // whitespace inside p= is folding (RFC 6376 §3.6.1)
    [InlineData(new[] { "p=AAAB" }, RecordProblem.None)] // k= defaults to rsa
    [InlineData(new[] { "v=DKIM1; k=rsa; p=ZZZZ" }, RecordProblem.DkimWrongKey)]
    [InlineData(new[] { "v=DKIM1; k=ed25519; p=AAAB" }, RecordProblem.DkimWrongKey)]
    [InlineData(new[] { "v=DKIM1; k=rsa; p=" }, RecordProblem.DkimRevoked)]
    public void Dkim(string[] found, RecordProblem expected) => Assert.Equal(expected, DomainCheck.Judge(Of(RecordKind.Dkim), found).Problem);

    [Theory]
    [InlineData(new[] { "v=DMARC1; p=reject" }, RecordProblem.None)]
    [InlineData(new[] { "v=DMARC1; rua=mailto:x@example.com" }, RecordProblem.DmarcNoPolicy)]
    [InlineData(new[] { "v=DMARC1; p=maybe" }, RecordProblem.DmarcNoPolicy)]
    [InlineData(new[] { "v=DMARC1; p=none", "v=DMARC1; p=reject" }, RecordProblem.DmarcMultiple)] // RFC 7489 §6.6.3
    [InlineData(new string[0], RecordProblem.Missing)]
    public void Dmarc(string[] found, RecordProblem expected) => Assert.Equal(expected, DomainCheck.Judge(Of(RecordKind.Dmarc), found).Problem);

    [Fact]
    public void Optional_records_that_are_absent_need_no_fixing()
    {
        var finding = DomainCheck.Judge(Of(RecordKind.TlsRpt), []);
        Assert.Equal(RecordProblem.OptionalMissing, finding.Problem);
        Assert.False(finding.NeedsFixing);
    }

    [Fact]
    public void Long_txt_values_are_written_as_255_octet_strings()
    {
        var line = new DomainRecord(RecordKind.Dkim, "s._domainkey.example.com", "TXT", new string('A', 600)).ToZoneLine();
        Assert.Equal($"s._domainkey.example.com. 3600 IN TXT \"{new string('A', 255)}\" \"{new string('A', 255)}\" \"{new string('A', 90)}\"", line);
    }
}
