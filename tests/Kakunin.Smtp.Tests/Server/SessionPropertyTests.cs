using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using Kakunin.Smtp.Server;

namespace Kakunin.Smtp.Tests.Server;

/// <summary>
/// A fast, fixed-seed slice of bench/Kakunin.Fuzz's session target: random and mutated command streams never make the
/// connection loop throw or hang, and every line the server sends is a reply line (RFC 5321 §4.2).
/// </summary>
public sealed partial class SessionPropertyTests
{
    private static readonly string[] Tokens =
    [
        "EHLO client.example\r\n", "HELO client.example\r\n", "MAIL FROM:<alice@client.example>\r\n",
        "MAIL FROM:<> SIZE=100 BODY=8BITMIME RET=HDRS ENVID=a+2Bb SMTPUTF8\r\n", "RCPT TO:<bob@mx.test.example>\r\n",
        "RCPT TO:<bob@mx.test.example> NOTIFY=SUCCESS ORCPT=rfc822;bob@x.example\r\n", "RCPT TO:<Postmaster>\r\n",
        "RCPT TO:<unknown@mx.test.example>\r\n", "DATA\r\n", "\r\n.\r\n", "..\r\n", "BDAT 5\r\n", "BDAT 0 LAST\r\n", "BDAT 3 LAST\r\n",
        "BDAT 99999999999999999\r\n", "BDAT x\r\n", "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n", "AUTH PLAIN\r\n", "AUTH LOGIN\r\n", "*\r\n",
        "STARTTLS\r\n", "RSET\r\n", "NOOP\r\n", "QUIT\r\n", "\r", "\n", ".", "\0", "\u00ff", "x",
    ];

    // A command stream: tokens and random printable/control bytes, 1–60 pieces.
    private static readonly Gen<byte[]> Streams = Gen.Frequency(
            (5, Gen.OneOf(Tokens).Select(Encoding.UTF8.GetBytes)),
            (1, Gen.Byte.Array[1, 12]))
        .Array[1, 60]
        .Select(pieces => pieces.SelectMany(p => p).ToArray());

    private static readonly Gen<(byte[] Input, int Listener, bool Tls, bool SmallLimits)> Cases =
        Gen.Select(Streams, Gen.Int[0, 2], Gen.Bool, Gen.Bool);

    [Fact]
    public async Task Random_command_streams_get_only_well_formed_replies_and_the_loop_ends()
    {
        // Fixed seed set: the same 400 cases on every run (CsCheck PCG, stream 8, seed 20261204).
        var pcg = new PCG(8, 20261204);
        for (var i = 0; i < 400; i++)
        {
            var (input, listener, tls, small) = Cases.Generate(pcg, null, out _);
            var options = new SmtpServerOptions { HostName = "mx.test.example", AllowInsecureAuth = !tls };
            if (small)
            {
                options.MaxMessageSize = 64;
                options.MaxRecipients = 2;
                options.MaxErrors = 4;
                options.MaxCommandLineLength = 100;
            }

            var connection = new InMemorySmtpConnection(options, new FakeSmtpBackend(), (ListenerKind)listener, tls);
            var receiving = connection.ReceiveUntilAsync(null); // fails after 10 s without output or end: a hang
            await connection.SendAsync(input);
            await connection.EndInputAsync();
            var output = await receiving;
            await connection.Running; // an exception escaping the loop fails here

            var shown = Escape(input);
            Assert.StartsWith("220 ", output, StringComparison.Ordinal);
            Assert.EndsWith("\r\n", output, StringComparison.Ordinal);
            foreach (var line in output[..^2].Split("\r\n"))
            {
                Assert.True(ReplyLine().IsMatch(line), $"'{line}' is not a reply line; input: {shown}");
            }
        }
    }

    private static string Escape(byte[] input) =>
        string.Concat(input.Select(b => b is >= 0x20 and < 0x7F and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}"));

    // RFC 5321 §4.2: Reply-code [ SP / "-" textstring ], codes 2xx–5xx; no CR, LF or NUL inside.
    [GeneratedRegex(@"^[2-5][0-5][0-9]([ -][^\r\n\0]*)?$")]
    private static partial Regex ReplyLine();
}
