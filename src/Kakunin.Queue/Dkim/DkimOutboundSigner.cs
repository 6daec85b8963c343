using Kakunin.Authentication.Dkim;
using Kakunin.Store;
using Microsoft.Extensions.Logging;

namespace Kakunin.Queue.Dkim;

/// <summary>
/// DKIM-signs outgoing mail (RFC 6376) with the keys in the store: by the RFC5322.From domain when it is one of ours,
/// or its nearest parent that is (a DSN from MAILER-DAEMON@host-name is signed by the domain the host is in), once
/// per active key (RSA and Ed25519 → two signatures). Keys are re-read every <see cref="Refresh"/>, which is also
/// when due rotations take effect (<see cref="Kakunin.Store.Dkim.DkimKeyRepository.PromoteDueAsync"/>).
/// </summary>
public sealed partial class DkimOutboundSigner : IOutboundSigner, IDisposable
{
    private readonly KakuninStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private DkimKeyring _keys = DkimKeyring.Empty;
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public DkimOutboundSigner(KakuninStore store, TimeProvider time, ILogger<DkimOutboundSigner> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        (_store, _time, _logger) = (store, time, logger);
    }

    /// <summary>How long a snapshot of the keys is used before the store is read again.</summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromSeconds(5);

    public async ValueTask<byte[]> SignAsync(byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var keys = await KeysAsync(cancellationToken).ConfigureAwait(false);
        if (DkimMessageSigner.FromDomain(content) is not { } from)
        {
            return content;
        }

        if (DkimMessageSigner.SigningDomain(from, keys.Domains) is not { } domain)
        {
            return content; // not ours (e.g. forwarded mail): someone else's signature to make
        }

        try
        {
            return DkimMessageSigner.Sign(content, keys.For(domain));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // Sending unsigned beats not sending: the receiver decides (DMARC), and the log says why.
            LogSigningFailed(_logger, e, domain);
            return content;
        }
    }

    private async ValueTask<DkimKeyring> KeysAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now - _loadedAt < Refresh)
        {
            return _keys;
        }

        await _loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (now - _loadedAt >= Refresh)
            {
                if (await _store.DkimKeys.PromoteDueAsync(now, cancellationToken).ConfigureAwait(false) > 0)
                {
                    LogRotated(_logger);
                }

                _keys = DkimKeyring.From(await _store.DkimKeys.ListAsync(null, cancellationToken).ConfigureAwait(false));
                _loadedAt = now;
            }

            return _keys;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "DKIM signing for {Domain} failed; the message goes unsigned")]
    private static partial void LogSigningFailed(ILogger logger, Exception exception, string domain);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "DKIM: next keys became active, the keys they replace are retired (still published)")]
    private static partial void LogRotated(ILogger logger);
}
