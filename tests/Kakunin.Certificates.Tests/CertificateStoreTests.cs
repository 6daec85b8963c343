using Kakunin.Certificates.Store;
using Kakunin.IntegrationTests.Peers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kakunin.Certificates.Tests;

/// <summary>The store over real files in a temporary folder: choice by SNI, reload, refusal of bad files, fallback.</summary>
public sealed class CertificateStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kakunin-store-").FullName;
    private readonly TestCertificateAuthority _authority = new();
    private readonly TestCertificateAuthority _fallbackAuthority = new("Fallback");
    private readonly CollectingLogger<CertificateStore> _log = new();

    [Fact]
    public void Exact_name_then_wildcard_then_the_host_names_certificate()
    {
        var mail = Write("mail", "mail.example.test");
        var wildcard = Write("wildcard", "*.example.test");
        var other = Write("other", "other.example.org");
        using var store = Start(defaultName: "other.example.org");

        Assert.Equal(mail, store.Select("mail.example.test")!.Leaf.Thumbprint);
        Assert.Equal(mail, store.Select("MAIL.Example.Test.")!.Leaf.Thumbprint);
        Assert.Equal(wildcard, store.Select("imap.example.test")!.Leaf.Thumbprint);
        // RFC 6125 §6.4.3: one label only.
        Assert.Equal(other, store.Select("a.b.example.test")!.Leaf.Thumbprint);
        Assert.Equal(other, store.Select("example.test")!.Leaf.Thumbprint);
        Assert.Equal(other, store.Select(null)!.Leaf.Thumbprint);
    }

    [Fact]
    public void The_chain_goes_with_the_certificate()
    {
        var (chain, key, _) = _authority.Issue(["mail.example.test"], viaIntermediate: true);
        TestCertificateAuthority.WritePair(_directory, "mail", chain, key);
        using var store = Start();

        var served = store.SelectContext("mail.example.test")!;

        Assert.Equal("CN=Kakunin Test Intermediate", Assert.Single(served.IntermediateCertificates).Subject);
    }

    [Fact]
    public void A_replaced_file_is_served_at_the_next_handshake_after_the_check_interval()
    {
        var first = Write("mail", "mail.example.test");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = Start(time: time);
        Assert.Equal(first, store.Select("mail.example.test")!.Leaf.Thumbprint);

        var second = Write("mail", "mail.example.test");
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(second, store.Select("mail.example.test")!.Leaf.Thumbprint);
        Assert.Contains(_log.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("loaded from " + Path.Combine(_directory, "mail.crt"), StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_that_does_not_match_is_refused_with_one_line_and_the_old_certificate_stays()
    {
        var good = Write("mail", "mail.example.test");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1));
        using var store = Start(time: time);
        var (chain, _, _) = _authority.Issue(["mail.example.test"]);
        var (_, otherKey, _) = _authority.Issue(["mail.example.test"]);
        TestCertificateAuthority.WritePair(_directory, "mail", chain, otherKey);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(good, store.Select("mail.example.test")!.Leaf.Thumbprint);
        store.Refresh();
        var error = Assert.Single(_log.Lines, l => l.Level == LogLevel.Error);
        Assert.Equal(
            $"TLS certificate refused: {Path.Combine(_directory, "mail.key")}: the private key does not belong to the certificate in {Path.Combine(_directory, "mail.crt")}; still serving {store.Select("mail.example.test")}",
            error.Message);
    }

    [Theory]
    [InlineData("garbage", "no \"BEGIN CERTIFICATE\" block found")]
    [InlineData("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", "the CERTIFICATE block is not well-formed PEM")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not a well-formed certificate")]
    public void A_malformed_certificate_file_is_refused_naming_the_file(string content, string cause)
    {
        var (_, key, _) = _authority.Issue(["mail.example.test"]);
        TestCertificateAuthority.WritePair(_directory, "mail", content, key);
        using var store = Start(time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1)));

        var error = Assert.Single(_log.Lines, l => l.Level == LogLevel.Error).Message;
        Assert.StartsWith($"TLS certificate refused: {Path.Combine(_directory, "mail.crt")}: {cause}", error, StringComparison.Ordinal);
        Assert.EndsWith("still serving the self-signed certificate", error, StringComparison.Ordinal);
        Assert.Equal("CN=Fallback", store.Select("mail.example.test")!.Leaf.Subject);
    }

    [Fact]
    public void An_expired_certificate_is_refused_with_its_date()
    {
        var expired = DateTimeOffset.UtcNow.AddDays(-3);
        var (chain, key, _) = _authority.Issue(["mail.example.test"], notBefore: expired.AddDays(-30), notAfter: expired);
        TestCertificateAuthority.WritePair(_directory, "mail", chain, key);
        using var store = Start(time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1)));

        Assert.Contains(_log.Lines, l => l.Level == LogLevel.Error && l.Message.Contains($"{Path.Combine(_directory, "mail.crt")}: the certificate expired on {expired.UtcDateTime:yyyy-MM-dd HH:mm} UTC", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreadable_key_file_is_refused_naming_it()
    {
        var (chain, _, _) = _authority.Issue(["mail.example.test"]);
        File.WriteAllText(Path.Combine(_directory, "mail.crt"), chain);
        // A folder where the key file should be: unreadable even for root, which ignores file modes.
        Directory.CreateDirectory(Path.Combine(_directory, "mail.key"));
        using var store = Start(time: new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(1)));

        Assert.Contains(_log.Lines, l => l.Level == LogLevel.Error && l.Message.StartsWith($"TLS certificate refused: {Path.Combine(_directory, "mail.key")}: cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public void A_half_copied_pair_is_not_an_error_until_it_settles()
    {
        var (chain, _, _) = _authority.Issue(["mail.example.test"]);
        var (_, otherKey, _) = _authority.Issue(["mail.example.test"]);
        TestCertificateAuthority.WritePair(_directory, "mail", chain, otherKey);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var store = Start(time: time);
        Assert.DoesNotContain(_log.Lines, l => l.Level == LogLevel.Error);

        time.Advance(TimeSpan.FromSeconds(3));
        store.Refresh();

        Assert.Single(_log.Lines, l => l.Level == LogLevel.Error);
    }

    [Fact]
    public void With_nothing_good_the_fallback_is_served_and_a_warning_says_where_it_looked()
    {
        using var store = Start();

        Assert.Equal("CN=Fallback", store.Select("mail.example.test")!.Leaf.Subject);
        var warning = Assert.Single(_log.Lines, l => l.Level == LogLevel.Warning).Message;
        Assert.Equal($"No usable TLS certificate in {Path.Combine(_directory, "*.crt")}: serving the self-signed certificate (CN=Fallback) until one is there", warning);
    }

    [Fact]
    public void Configured_pairs_anywhere_on_disk_are_served()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_directory, "live")).FullName;
        var (chain, key, leaf) = _authority.Issue(["mx.example.test"]);
        File.WriteAllText(Path.Combine(elsewhere, "fullchain.pem"), chain);
        File.WriteAllText(Path.Combine(elsewhere, "privkey.pem"), key);
        using var store = new CertificateStore(
            new CertificateStoreSettings { Files = [new CertificateFilePair { CertificateFile = Path.Combine(elsewhere, "fullchain.pem"), KeyFile = Path.Combine(elsewhere, "privkey.pem") }] },
            TimeProvider.System,
            _log);
        store.Start();

        Assert.Equal(leaf.Thumbprint, store.Select("mx.example.test")!.Leaf.Thumbprint);
    }

    public void Dispose()
    {
        _authority.Dispose();
        _fallbackAuthority.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private string Write(string file, string name)
    {
        var (chain, key, leaf) = _authority.Issue([name]);
        TestCertificateAuthority.WritePair(_directory, file, chain, key);
        return leaf.Thumbprint;
    }

    private CertificateStore Start(string? defaultName = null, TimeProvider? time = null)
    {
        var store = new CertificateStore(
            new CertificateStoreSettings
            {
                Directories = [_directory],
                DefaultName = defaultName,
                Fallback = () => _fallbackAuthority.Root,
                FallbackDescription = "the self-signed certificate",
            },
            time ?? TimeProvider.System,
            _log);
        store.Start();
        return store;
    }
}
