using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Kakunin.Authentication;
using Kakunin.Authentication.Dmarc;
using Kakunin.AuthBench;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

// Messages per second through what end of DATA adds for authentication, on 1 KB and 32 KB messages with one
// rsa-sha256 DKIM signature: "without" = the stamp of a submitted message (no checks), "with" = SPF + DKIM + DMARC
// + the stamp. DNS answers come from memory (a warm cache); workers = parallel sessions.
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var generator = new RsaKeyPairGenerator();
generator.Init(new KeyGenerationParameters(new SecureRandom(), 2048));
var key = generator.GenerateKeyPair();
var dns = new MemoryDns(new Dictionary<string, string[]>
{
    ["peer.test"] = ["v=spf1 ip4:192.0.2.0/24 -all"],
    ["_dmarc.peer.test"] = ["v=DMARC1; p=reject"],
    ["s1._domainkey.peer.test"] = ["v=DKIM1; k=rsa; p=" + Convert.ToBase64String(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key.Public).GetEncoded())],
});
var authenticator = new MessageAuthenticator("mx.example.test", dns, PublicSuffixList.Load());
var request = new AuthenticationRequest(IPAddress.Parse("192.0.2.7"), "mail.peer.test", "news@peer.test", null);

Console.WriteLine($"{"size",-6} {"workers",7} {"without msg/s",14} {"with msg/s",11} {"µs/msg (CPU, with)",19} {"result"}");
foreach (var size in new[] { 1024, 32 * 1024 })
{
    var bytes = Signed(key.Private, size);
    var check = await authenticator.AuthenticateAsync(request, new MemoryStream(bytes), CancellationToken.None);
    var word = check.Authentication.ToHeaderValue();
    if (!word.Contains("dkim=pass", StringComparison.Ordinal) || !word.Contains("dmarc=pass", StringComparison.Ordinal)) throw new InvalidOperationException(word);
    foreach (var workers in new[] { 1, 2 })
    {
        var without = await Rate(workers, () =>
        {
            var submitted = new MessageAuthentication("mx.example.test", "alice@example.test", null, [], null);
            _ = AuthenticationResultsField.Stamp(bytes, submitted);
            return Task.CompletedTask;
        });
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (with, count) = await RateCount(workers, async () =>
        {
            var result = await authenticator.AuthenticateAsync(request, new MemoryStream(bytes), CancellationToken.None);
            _ = AuthenticationResultsField.Stamp(bytes, result.Authentication);
        });
        var cpuPerMessage = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;
        Console.WriteLine($"{size / 1024 + " KB",-6} {workers,7} {without,14:0} {with,11:0} {cpuPerMessage,19:0} {"spf=pass dkim=pass dmarc=pass"}");
    }
}

async Task<double> Rate(int workers, Func<Task> work) => (await RateCount(workers, work)).Rate;

async Task<(double Rate, long Count)> RateCount(int workers, Func<Task> work)
{
    for (var i = 0; i < 50; i++) await work(); // warm-up
    long count = 0;
    var watch = Stopwatch.StartNew();
    var until = TimeSpan.FromSeconds(seconds);
    await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
    {
        while (watch.Elapsed < until)
        {
            await work();
            Interlocked.Increment(ref count);
        }
    })));
    return (count / watch.Elapsed.TotalSeconds, count);
}

static byte[] Signed(AsymmetricKeyParameter key, int size)
{
    var message = new MimeMessage();
    message.From.Add(MailboxAddress.Parse("news@peer.test"));
    message.To.Add(MailboxAddress.Parse("bob@example.test"));
    message.Subject = "Bench";
    message.MessageId = "bench@peer.test";
    var text = new StringBuilder();
    while (text.Length < size - 400) text.Append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\r\n");
    message.Body = new TextPart("plain") { Text = text.ToString() };
    message.Prepare(EncodingConstraint.SevenBit);
    new DkimSigner(key, "peer.test", "s1") { HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed, BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed }
        .Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.MessageId]);
    using var stream = new MemoryStream();
    var format = FormatOptions.Default.Clone();
    format.NewLineFormat = NewLineFormat.Dos;
    message.WriteTo(format, stream);
    return stream.ToArray();
}
