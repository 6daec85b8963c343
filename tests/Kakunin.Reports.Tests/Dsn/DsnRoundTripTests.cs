using System.Text;
using CsCheck;
using Kakunin.Protocol;
using Kakunin.Reports.Dsn;
using Kakunin.Reports.Fields;
using MimeKit;

namespace Kakunin.Reports.Tests.Dsn;

/// <summary>Compose → bytes → MimeMessage.Load → DsnParser.TryParse gives back the same report.</summary>
public sealed class DsnRoundTripTests
{
    private static readonly Gen<string> Word = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789.-_"], 1, 12];
    private static readonly Gen<string> NonAsciiWord = Gen.String[Gen.Char["abcdeéüß用户例子メール+=\\"], 1, 8];

    private static readonly Gen<string> Domain = Gen.Select(Word, Word, (a, b) => $"{a}x.{b}y");

    private static readonly Gen<TypedAddress> Address = Gen.Frequency(
        (4, Gen.Select(Word, Domain, (l, d) => new TypedAddress("rfc822", $"{l}@{d}"))),
        (1, Gen.Select(Word, Domain, (l, d) => new TypedAddress("rfc822", $"{l}+tag=1@{d}"))),
        (1, Gen.Select(NonAsciiWord, Domain, (l, d) => new TypedAddress("utf-8", $"{l}@{d}"))));

    private static readonly Gen<MtaName> Mta = Gen.Select(Domain, d => MtaName.Dns(d));

    // Second precision, offsets between -12:00 and +14:00 in quarter hours (RFC 5322 §3.3 zones).
    private static readonly Gen<DateTimeOffset> Date = Gen.Select(
        Gen.Long[946_684_800L, 4_102_444_800L], Gen.Int[-48, 56],
        (s, q) => new DateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime.Ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(q * 15)));

    // Words joined by single spaces: the value unfolding gives back (RFC 5322 §2.2.3).
    private static readonly Gen<string> Text = Gen.Select(Gen.Frequency((5, Word), (1, NonAsciiWord)).Array[1, 25], w => string.Join(' ', w));

    private static readonly Gen<ReportField> Extension = Gen.Select(
        Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ-"], 1, 10], Text, (n, v) => new ReportField("X-" + n.Trim('-') + "Z", v));

    private static readonly Gen<(DsnAction, EnhancedStatusCode)> ActionStatus = Gen.Select(
        Gen.Enum<DsnAction>(), Gen.Int[0, 7], Gen.Int[0, 9],
        (a, s, d) => (a, new EnhancedStatusCode(a switch { DsnAction.Failed => 5, DsnAction.Delayed => 4, _ => 2 }, s, d)));

    private static readonly Gen<DsnRecipient> Recipient = Gen.Select(
        Address, Gen.Null(Address, 0.5), ActionStatus, Gen.Null(Mta, 0.4),
        Gen.Null(Gen.Select(Text, t => DiagnosticCode.Smtp(t)), 0.4),
        Gen.Select(Gen.Nullable(Date, 0.5), Gen.Nullable(Date, 0.5), Gen.Null(Word, 0.6), (a, b, c) => (a, b, c)),
        Extension.Array[0, 2],
        (final, original, actionStatus, mta, diagnostic, rest, extensions) => new DsnRecipient
        {
            FinalRecipient = final,
            OriginalRecipient = original,
            Action = actionStatus.Item1,
            Status = actionStatus.Item2,
            RemoteMta = mta,
            DiagnosticCode = diagnostic,
            LastAttemptDate = rest.a,
            WillRetryUntil = rest.b,
            FinalLogId = rest.c,
            ExtensionFields = extensions,
        });

    private static readonly Gen<DeliveryStatusReport> Report = Gen.Select(
        Mta, Gen.Null(Word, 0.5), Gen.Null(Mta, 0.7), Gen.Null(Mta, 0.5), Gen.Nullable(Date, 0.4),
        Recipient.Array[1, 5], Extension.Array[0, 3],
        (reporting, envid, gateway, from, arrival, recipients, extensions) => new DeliveryStatusReport
        {
            ReportingMta = reporting,
            OriginalEnvelopeId = envid,
            DsnGateway = gateway,
            ReceivedFromMta = from,
            ArrivalDate = arrival,
            Recipients = recipients,
            ExtensionFields = extensions,
        });

    private static string Describe(DeliveryStatusReport? r) => r is null ? "null"
        : $"{r with { Recipients = [], ExtensionFields = [] }} ext=[{string.Join(", ", r.ExtensionFields)}]\n  "
          + string.Join("\n  ", r.Recipients.Select(x => $"{x with { ExtensionFields = [] }} ext=[{string.Join(", ", x.ExtensionFields)}]"));

    [Fact]
    public void Composed_reports_parse_back_to_the_same_value() =>
        Report.Sample(report =>
        {
            var message = DsnComposer.Compose(DsnSamples.Request(report, report.Recipients.Count % 2 == 0 ? "en" : "ja"));
            var bytes = Encoding.UTF8.GetBytes(GoldenFile.Write(message, international: true));
            using var stream = new MemoryStream(bytes);
            var parsed = DsnParser.TryParse(MimeMessage.Load(stream));
            if (report != parsed)
            {
                var status = Mime.ReportParts.ReadText(Assert.IsType<MultipartReport>(message.Body)[1]);
                Assert.Fail($"Round trip differs.\n{status}\nparsed: {Describe(parsed)}\nexpected: {Describe(report)}");
            }
        }, iter: 1000);
}
