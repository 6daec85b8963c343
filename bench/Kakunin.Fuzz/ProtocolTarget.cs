using System.Text;
using CsCheck;
using Kakunin.Protocol;

namespace Kakunin.Fuzz;

/// <summary>
/// Kakunin.Protocol's parsers: MAIL/RCPT arguments (<see cref="EsmtpCommandParser"/>), xtext and utf-8-addr text,
/// mailboxes and paths, ORCPT values, replies and enhanced codes. They must never throw (they return a result or
/// false), a failed parse must carry a 4xx/5xx reply, and what they accept must survive format-then-parse.
/// </summary>
internal sealed class ProtocolTarget : IFuzzTarget
{
    private static readonly string[] SeedTexts =
    [
        "FROM:<alice@client.example> SIZE=1000 BODY=8BITMIME RET=FULL ENVID=QQ+2B1 AUTH=alice+40client.example",
        "FROM:<> SMTPUTF8 BODY=BINARYMIME", "FROM:<\"a b\"@[127.0.0.1]>", "FROM:<@relay.example:alice@client.example>",
        "TO:<bob@mx.example> NOTIFY=SUCCESS,FAILURE,DELAY ORCPT=rfc822;bob+40mx.example", "TO:<Postmaster>", "TO:<postmaster@mx.example>",
        "TO:<\u00fc\u00f1@b\u00fccher.example> ORCPT=utf-8;\u00fc\\x{FC}@x.example NOTIFY=NEVER", "TO:<a@[IPv6:::1]>",
        "rfc822;a+2Bb@c", "utf-8;caf\\x{E9}@x.example", "250-a\r\n250 2.0.0 b", "550 5.1.1 <x> unknown", "4.7.0", "a.b@c.d",
    ];

    private static readonly string[] Tokens = ["<", ">", "@", ":", ",", ";", "=", "+", "+2B", "\\x{", "}", "\"", "\\", "[", "]", " ", "IPv6:", "SIZE=", "NOTIFY=", "ORCPT=", "ENVID=", "AUTH=", "\u00e9", "\ud800"];

    private static readonly EsmtpOptions[] Esmtp =
    [
        EsmtpOptions.Default,
        new(MaxMessageSize: 100, Auth: true),
        new(0, Size: false, EightBitMime: false, BinaryMime: false, SmtpUtf8: false, Dsn: false, Auth: false),
    ];

    public string Name => "protocol";

    public Gen<FuzzCase> Cases
    {
        get
        {
            var seeds = SeedTexts.Select(Encoding.UTF8.GetBytes).ToArray();
            var dictionary = Tokens.Select(Encoding.UTF8.GetBytes).ToArray();
            var random = Gen.String[Gen.OneOf(Gen.Char["<>@:,.;\"\\[]+=-_ ~!xX{}0aAzZ9\r\n\t"], Gen.Char['\0', '\u00FF'], Gen.Char['\u3040', '\u30FF']), 0, 80]
                .Select(Encoding.UTF8.GetBytes);
            var data = Gen.Frequency((5, Mutator.Mutated(seeds, dictionary, 4096)), (2, random));
            return Gen.Select(data, Gen.Int[0, int.MaxValue]).Select((d, v) => new FuzzCase(d, v));
        }
    }

    public string Describe(FuzzCase input) => $"variant {input.Variant}: text read as {((input.Variant & 1) == 0 ? "UTF-8" : "Latin-1")}, ESMTP options #{(input.Variant >> 1) % 3}";

    public FuzzVerdict Check(FuzzCase input)
    {
        var text = (input.Variant & 1) == 0 ? Encoding.UTF8.GetString(input.Data) : Encoding.Latin1.GetString(input.Data);
        var esmtp = Esmtp[(input.Variant >> 1) % 3];
        return Commands(text, esmtp) ?? Codecs(text) ?? Addresses(text) ?? Replies(text) ?? FuzzVerdict.Pass;
    }

    private static FuzzVerdict? Commands(string text, EsmtpOptions esmtp)
    {
        var stripped = text.StartsWith("FROM:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("TO:", StringComparison.OrdinalIgnoreCase)
            ? text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..]
            : text;
        foreach (var arguments in new[] { text, "FROM:" + stripped })
        {
            var mail = EsmtpCommandParser.ParseMailFrom(arguments, esmtp);
            if (Broken(mail.IsSuccess, mail.Value, mail.Error) is { } bad)
            {
                return bad;
            }

            if (mail.Value is { } m && (!ReversePath.TryParse(m.ReversePath.ToString(), MailboxParseOptions.Utf8, out var again, out _) || again != m.ReversePath))
            {
                return new FuzzVerdict("MAIL FROM path does not round-trip", m.ReversePath.ToString());
            }
        }

        foreach (var (arguments, utf8) in new[] { (text, false), ("TO:" + stripped, true) })
        {
            var rcpt = EsmtpCommandParser.ParseRcptTo(arguments, esmtp, utf8);
            if (Broken(rcpt.IsSuccess, rcpt.Value, rcpt.Error) is { } bad)
            {
                return bad;
            }

            if (rcpt.Value is { } r && (!ForwardPath.TryParse(r.ForwardPath.ToString(), MailboxParseOptions.Utf8, out var again, out _) || again != r.ForwardPath))
            {
                return new FuzzVerdict("RCPT TO path does not round-trip", r.ForwardPath.ToString());
            }
        }

        return null;
    }

    // SmtpCommandResult: exactly one of value and error; the error is a negative reply (RFC 5321 §4.2.1).
    private static FuzzVerdict? Broken(bool success, object? value, SmtpReply? error) =>
        success == (value is null) || success == (error is not null) ? new FuzzVerdict("result with both or neither of value and error")
        : error is { Code: < 400 } ? new FuzzVerdict("parse error with a positive reply", error.ToString())
        : null;

    private static FuzzVerdict? Codecs(string text)
    {
        if (Xtext.TryDecode(text, out var decoded) && (!Xtext.TryDecode(Xtext.Encode(decoded), out var again) || again != decoded))
        {
            return new FuzzVerdict("xtext decode-encode-decode differs");
        }

        if (Utf8AddressText.TryDecodeUnitext(text, out var unitext)
            && (!Utf8AddressText.TryEncodeUnitext(unitext, out var u) || !Utf8AddressText.TryDecodeUnitext(u, out var back) || back != unitext))
        {
            return new FuzzVerdict("utf-8-addr-unitext does not round-trip", unitext);
        }

        if (Utf8AddressText.TryDecodeXtext(text, out var xtext)
            && (!Utf8AddressText.TryEncodeXtext(xtext, out var x) || !Utf8AddressText.TryDecodeXtext(x, out var back2) || back2 != xtext))
        {
            return new FuzzVerdict("utf-8-addr-xtext does not round-trip", xtext);
        }

        foreach (var unitextAllowed in new[] { false, true })
        {
            if (TypedAddress.TryParse(text, unitextAllowed, out var orcpt))
            {
                string encoded;
                try
                {
                    encoded = orcpt.Encode();
                }
                catch (InvalidOperationException)
                {
                    continue; // documented: not representable in the strict encoding
                }

                if (!TypedAddress.TryParse(encoded, unitextAllowed, out var reparsed) || reparsed != orcpt)
                {
                    return new FuzzVerdict("ORCPT does not round-trip", encoded);
                }
            }
        }

        return null;
    }

    private static FuzzVerdict? Addresses(string text)
    {
        foreach (var options in new[] { MailboxParseOptions.Ascii, MailboxParseOptions.Utf8 })
        {
            if (Mailbox.TryParse(text, options, out var mailbox, out _)
                && (!Mailbox.TryParse(mailbox.ToString(), options, out var again, out _) || again != mailbox))
            {
                return new FuzzVerdict("mailbox does not round-trip", mailbox.ToString());
            }

            _ = ReversePath.TryParse(text, options, out _, out _);
            _ = ForwardPath.TryParse(text, options, out _, out _);
            _ = mailbox?.TryWithAsciiDomain(out _);
            _ = mailbox?.TryWithUnicodeDomain(out _);
        }

        return null;
    }

    private static FuzzVerdict? Replies(string text)
    {
        if (SmtpReply.TryParse(text, out var reply) && (!SmtpReply.TryParse(reply.Format(), out var again) || again != reply))
        {
            return new FuzzVerdict("reply does not round-trip", reply.Format());
        }

        _ = EnhancedStatusCode.TryParse(text, out _);
        return null;
    }
}
