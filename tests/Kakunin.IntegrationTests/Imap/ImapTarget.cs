using System.Security.Cryptography.X509Certificates;
using Kakunin.Web.Tls;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Kakunin.IntegrationTests.Imap;

/// <summary>Which real IMAP server a client test talks to.</summary>
public enum ImapServerKind
{
    /// <summary><c>kakunin serve --demo</c> with its IMAP ports: what the suite is for.</summary>
    Kakunin,

    /// <summary>A private Dovecot: the reference that shows a test itself is right.</summary>
    Dovecot,
}

/// <summary>
/// A real IMAP server on loopback for the client tests, whichever it is: its two ports, its certificate (clients pin
/// it instead of trusting everything), how mail reaches it from outside, and its own record of a folder read beside
/// IMAP (Kakunin: the SQLite file the webmail reads; Dovecot: doveadm on its storage), so that a test can check what
/// a client did without trusting the same protocol it exercised.
/// </summary>
public abstract class ImapTarget : IAsyncDisposable
{
    public const string Alice = "alice@example.test";
    public const string Bob = "bob@example.test";
    public const string Password = KakuninProcess.Password;
    public const string Host = "127.0.0.1";

    public abstract ImapServerKind Kind { get; }

    /// <summary>IMAP with STARTTLS (143-style; the demo's 2143).</summary>
    public abstract int StartTlsPort { get; }

    /// <summary>IMAP over implicit TLS (993-style; the demo's 2993).</summary>
    public abstract int ImplicitTlsPort { get; }

    /// <summary>The server's certificate (self-signed), as clients that pin it need it.</summary>
    public abstract X509Certificate2 Certificate { get; }

    /// <summary>What the server printed (for failure messages).</summary>
    public abstract string Log { get; }

    public static async Task<ImapTarget> StartAsync(ImapServerKind kind) => kind switch
    {
        ImapServerKind.Kakunin => new KakuninImapTarget(await KakuninProcess.StartAsync(imap: true)),
        _ => new DovecotImapTarget(await DovecotPeer.StartAsync([(Alice, Password), (Bob, Password)])),
    };

    /// <summary>Mail from outside for a local user (Kakunin: over its SMTP port, as an MX gets it; Dovecot: its LDA).</summary>
    public abstract Task DeliverAsync(MimeMessage message, string recipient);

    /// <summary>
    /// Mail a local user submits to a local recipient (Kakunin: submission with STARTTLS and AUTH, after which the
    /// server has filed its own Sent copy; Dovecot, which has no submission: its LDA delivers to the recipient only).
    /// </summary>
    public abstract Task SubmitAsync(string user, MimeMessage message, string recipient);

    /// <summary>Waits until the server has finished with mail it accepted (Kakunin: an empty queue).</summary>
    public virtual Task SettleAsync() => Task.CompletedTask;

    /// <summary>The server's own record of an IMAP folder (INBOX, Sent…), not read over IMAP.</summary>
    public abstract Task<IReadOnlyList<StoredImapMessage>> StoredAsync(string user, string imapFolder);

    /// <summary>Writes the certificate as PEM into <paramref name="path"/> (mbsync's CertificateFile, neomutt's certificate_file).</summary>
    public string WriteCertificatePem(string path)
    {
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    /// <summary>For a client's certificate callback: true only for this server's own certificate.</summary>
    public bool IsServerCertificate(X509Certificate? presented) =>
        presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();

    public abstract ValueTask DisposeAsync();

    public override string ToString() => Kind.ToString();
}

/// <summary>A message as the server stores it: Message-ID (without angle brackets), flags, and whether it counts as read.</summary>
/// <param name="Seen">Kakunin: the <c>seen</c> column the webmail's lists and unread counts read; Dovecot: \Seen.</param>
public sealed record StoredImapMessage(string MessageId, IReadOnlyList<string> Flags, bool Seen)
{
    public bool Has(string flag) => Flags.Contains(flag, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Kakunin with its IMAP ports (<c>--imap-port</c>, <c>--imaps-port</c>).</summary>
internal sealed class KakuninImapTarget(KakuninProcess server) : ImapTarget
{
    private X509Certificate2? _certificate;

    public KakuninProcess Server => server;

    public override ImapServerKind Kind => ImapServerKind.Kakunin;

    public override int StartTlsPort => server.ImapPort;

    public override int ImplicitTlsPort => server.ImapsPort;

    // The demo's self-signed certificate, kept in the data folder (src/Kakunin.Web/Tls/ServerCertificate.cs).
    public override X509Certificate2 Certificate => _certificate ??= X509CertificateLoader.LoadPkcs12FromFile(
        Path.Combine(server.DataDirectory, ServerCertificate.FileName), password: null);

    public override string Log => server.Log;

    public override async Task DeliverAsync(MimeMessage message, string recipient)
    {
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(Host, server.SmtpPort, SecureSocketOptions.None);
        var reply = await smtp.SendAsync(message, message.From.Mailboxes.First(), [MailboxAddress.Parse(recipient)]);
        Assert.StartsWith("2.0.0", reply, StringComparison.Ordinal);
        await smtp.DisconnectAsync(true);
        await server.WaitForEmptyQueueAsync();
    }

    public override async Task SubmitAsync(string user, MimeMessage message, string recipient)
    {
        using var smtp = new SmtpClient();
        smtp.ServerCertificateValidationCallback = (_, certificate, _, _) => IsServerCertificate(certificate);
        await smtp.ConnectAsync(Host, server.SubmissionPort, SecureSocketOptions.StartTls);
        await smtp.AuthenticateAsync(user, Password);
        var reply = await smtp.SendAsync(message, MailboxAddress.Parse(user), [MailboxAddress.Parse(recipient)]);
        Assert.StartsWith("2.0.0", reply, StringComparison.Ordinal);
        await smtp.DisconnectAsync(true);
    }

    public override Task SettleAsync() => server.WaitForEmptyQueueAsync();

    public override async Task<IReadOnlyList<StoredImapMessage>> StoredAsync(string user, string imapFolder)
    {
        // RFC 9051 §5.1: INBOX is case-insensitive and is the store's "Inbox".
        var folder = imapFolder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? Kakunin.Store.MailFolders.Inbox : imapFolder;
        await using var store = await server.OpenStoreAsync();
        var messages = await store.Mailboxes.ListAsync(user, folder, CancellationToken.None);
        await using var connection = ServerDatabase.Open(server);
        var list = new List<StoredImapMessage>();
        foreach (var m in messages)
        {
            var parsed = MimeMessage.Load(new MemoryStream(m.Content.ToArray()));
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT seen FROM messages WHERE id = $id";
            command.Parameters.AddWithValue("$id", m.Id);
            var seen = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
            list.Add(new StoredImapMessage(parsed.MessageId ?? string.Empty, m.Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries), seen));
        }

        return list;
    }

    public override async ValueTask DisposeAsync()
    {
        _certificate?.Dispose();
        await server.DisposeAsync();
    }
}

/// <summary>The private Dovecot.</summary>
internal sealed class DovecotImapTarget(DovecotPeer dovecot) : ImapTarget
{
    private X509Certificate2? _certificate;

    public DovecotPeer Dovecot => dovecot;

    public override ImapServerKind Kind => ImapServerKind.Dovecot;

    public override int StartTlsPort => dovecot.ImapPort;

    public override int ImplicitTlsPort => dovecot.ImapsPort;

    public override X509Certificate2 Certificate => _certificate ??= X509Certificate2.CreateFromPem(File.ReadAllText(dovecot.CertificateFile));

    public override string Log => dovecot.Log;

    public override Task DeliverAsync(MimeMessage message, string recipient) =>
        dovecot.DeliverAsync(recipient, message.From.Mailboxes.First().Address, Bytes(message));

    public override Task SubmitAsync(string user, MimeMessage message, string recipient) =>
        dovecot.DeliverAsync(recipient, user, Bytes(message));

    public override async Task<IReadOnlyList<StoredImapMessage>> StoredAsync(string user, string imapFolder)
    {
        var messages = await dovecot.FetchAsync(user, imapFolder);
        return messages.Select(m =>
        {
            var flags = m.Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return new StoredImapMessage(m.MessageId.Trim('<', '>'), flags, flags.Contains("\\Seen"));
        }).ToList();
    }

    public override async ValueTask DisposeAsync()
    {
        _certificate?.Dispose();
        await dovecot.DisposeAsync();
    }

    private static byte[] Bytes(MimeMessage message)
    {
        // CRLF line ends, as an MTA hands a message to the LDA (FormatOptions.Default writes LF on Linux).
        using var stream = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(format, stream);
        return stream.ToArray();
    }
}
