using Kakunin.Cli.Settings;

namespace Kakunin.Cli.Tests.Settings;

/// <summary>
/// Which server <c>kakunin send</c> talks to: --server, KAKUNIN_SERVER, the local server's configured submission
/// listener, or its default (127.0.0.1:2587; 2465 for implicit TLS).
/// </summary>
public sealed class SubmissionServerTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kakunin-cli-server-");

    public void Dispose() => _dir.Delete(recursive: true);

    private (string Address, string Origin) Resolve(string? option, bool implicitTls = false, params (string Name, string Value)[] variables)
    {
        var found = SubmissionServer.Resolve(option, implicitTls, CliRunner.Isolated(variables.ToDictionary(v => v.Name, v => v.Value), _dir.FullName));
        return (found.Value.ToString(), found.Origin);
    }

    [Theory]
    [InlineData("mail.example.com:587", false, "mail.example.com:587")]
    [InlineData("127.0.0.1:3587", false, "127.0.0.1:3587")]
    [InlineData("[::1]:3587", false, "[::1]:3587")]
    [InlineData("::1", false, "[::1]:587")]
    [InlineData("[::1]", true, "[::1]:465")]
    [InlineData("mail.example.com", false, "mail.example.com:587")] // RFC 6409 §3.1: submission is port 587
    [InlineData("mail.example.com", true, "mail.example.com:465")] // RFC 8314 §7.3: submission over TLS is port 465
    public void The_option_is_host_and_port_with_the_standard_port_when_none_is_given(string given, bool implicitTls, string expected) =>
        Assert.Equal((expected, "from --server"), Resolve(given, implicitTls, ("KAKUNIN_SERVER", "other:1")));

    [Theory]
    [InlineData("mail.example.com:abc")]
    [InlineData("mail.example.com:0")]
    [InlineData("mail.example.com:70000")]
    [InlineData(":587")]
    [InlineData("[::1")]
    public void A_value_that_is_not_host_and_port_is_an_error_naming_where_it_came_from(string given)
    {
        Assert.Equal($"'{given}' (from --server) is not host:port", Assert.Throws<CliSettingsException>(() => Resolve(given)).Message);
        Assert.Equal($"'{given}' (from KAKUNIN_SERVER) is not host:port", Assert.Throws<CliSettingsException>(() => Resolve(null, false, ("KAKUNIN_SERVER", given))).Message);
    }

    [Fact]
    public void KAKUNIN_SERVER_comes_after_the_option()
    {
        Assert.Equal(("127.0.0.1:4587", "from KAKUNIN_SERVER"), Resolve(null, false, ("KAKUNIN_SERVER", "127.0.0.1:4587")));
    }

    [Fact]
    public void Without_either_it_is_the_local_servers_default_listener()
    {
        Assert.Equal(("127.0.0.1:2587", "the default"), Resolve(null));
        Assert.Equal(("127.0.0.1:2465", "the default"), Resolve(null, implicitTls: true));
    }

    [Fact]
    public void The_configured_listener_is_used_as_kakunin_serve_reads_it()
    {
        var config = Path.Combine(_dir.FullName, "kakunin.json");
        File.WriteAllText(config, """{ "Kakunin": { "ListenAddress": "0.0.0.0", "SubmissionPort": 587, "SubmissionTlsPort": 465 } }""");

        // A server listening on every address is reached over loopback.
        Assert.Equal(("127.0.0.1:587", $"from {config}"), Resolve(null, false, ("KAKUNIN_CONFIG", config)));
        Assert.Equal(("127.0.0.1:465", $"from {config}"), Resolve(null, true, ("KAKUNIN_CONFIG", config)));
        Assert.Equal(("127.0.0.1:3587", "from KAKUNIN__SUBMISSIONPORT"), Resolve(null, false, ("KAKUNIN_CONFIG", config), ("KAKUNIN__SUBMISSIONPORT", "3587")));
        Assert.Equal(("[::1]:2587", "from KAKUNIN__LISTENADDRESS"), Resolve(null, false, ("KAKUNIN__LISTENADDRESS", "::")));
    }

    [Fact]
    public void A_configured_port_that_is_not_a_number_is_an_error_naming_the_variable()
    {
        var e = Assert.Throws<CliSettingsException>(() => Resolve(null, false, ("KAKUNIN__SUBMISSIONPORT", "smtp")));

        Assert.Equal("the port 'smtp' (from KAKUNIN__SUBMISSIONPORT) is not a port number", e.Message);
    }
}
