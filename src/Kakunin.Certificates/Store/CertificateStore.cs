using System.Net.Security;
using Microsoft.Extensions.Logging;

namespace Kakunin.Certificates.Store;

/// <summary>
/// Every TLS certificate the server can present, chosen per handshake by the name the client asked for (SNI, RFC 6066
/// §3): exact name, then a wildcard, then the default host's, then the self-signed fallback. Files are read again when
/// they change (a file watcher, and a modification-time check at handshake at most once per
/// <see cref="CertificateStoreSettings.CheckInterval"/>), so the next connection gets a replaced certificate. A file
/// that is bad is refused with one log line and the last good certificate keeps being served.
/// </summary>
public sealed class CertificateStore : IDisposable
{
    private readonly CertificateStoreSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _refreshLock = new();
    private readonly List<CertificateSource> _sources = [];
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer _recheck;
    private readonly Lazy<ServedCertificate?> _fallback;
    private ServedCertificate[] _served = [];
    private long _lastCheck;

    public CertificateStore(CertificateStoreSettings settings, TimeProvider time, ILogger<CertificateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        _settings = settings;
        _time = time;
        _logger = logger;
        _recheck = time.CreateTimer(_ => Refresh(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _fallback = new Lazy<ServedCertificate?>(CreateFallback);
        foreach (var pair in settings.Files)
        {
            _sources.Add(new CertificateSource(Path.GetFullPath(pair.CertificateFile), Path.GetFullPath(pair.KeyFile), fromDirectory: false));
        }
    }

    /// <summary>The certificates loaded from files now (the fallback not included), the longest-lived first.</summary>
    public IReadOnlyList<ServedCertificate> Loaded => Volatile.Read(ref _served);

    /// <summary>Reads every file, starts watching the folders, and warns when only the fallback is left to serve.</summary>
    public void Start()
    {
        foreach (var directory in _settings.Directories)
        {
            Directory.CreateDirectory(directory);
        }

        Refresh();
        foreach (var folder in WatchedFolders())
        {
            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            watcher.Changed += (_, _) => RecheckSoon(TimeSpan.FromMilliseconds(200));
            watcher.Created += (_, _) => RecheckSoon(TimeSpan.FromMilliseconds(200));
            watcher.Deleted += (_, _) => RecheckSoon(TimeSpan.FromMilliseconds(200));
            watcher.Renamed += (_, _) => RecheckSoon(TimeSpan.FromMilliseconds(200));
            try
            {
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (IOException ex)
            {
                // E.g. the inotify watch limit: the check at handshake still sees every change.
                watcher.Dispose();
                CertificateLog.NotWatched(_logger, folder, ex.Message);
            }
        }

        if (Loaded.Count == 0 && _fallback.Value is { } fallback)
        {
            var places = string.Join(", ", Places());
            CertificateLog.OnlyFallback(_logger, places, _settings.FallbackDescription, fallback.Leaf.Subject);
        }
    }

    /// <summary>The certificate and chain for one handshake (the contract of <c>SmtpServerOptions</c> and Kestrel).</summary>
    public SslStreamCertificateContext? SelectContext(string? serverName) => Select(serverName)?.Context;

    /// <summary>The certificate for one handshake, or null when there is none at all (no file, no fallback).</summary>
    public ServedCertificate? Select(string? serverName)
    {
        RefreshIfDue();
        var served = Volatile.Read(ref _served);
        if (!string.IsNullOrEmpty(serverName))
        {
            // RFC 6066 §3: the name the client asked for; an exact name beats a wildcard (RFC 6125 §6.4).
            var chosen = served.FirstOrDefault(c => c.Names.Any(n => HostNameMatch.IsExact(n, serverName)))
                ?? served.FirstOrDefault(c => c.Names.Any(n => HostNameMatch.IsWildcard(n, serverName)));
            if (chosen is not null)
            {
                return chosen;
            }
        }

        if (_settings.DefaultName is { } host && served.FirstOrDefault(c => c.Names.Any(n => HostNameMatch.Covers(n, host))) is { } forHost)
        {
            return forHost;
        }

        return served.Length > 0 ? served[0] : _fallback.Value;
    }

    /// <summary>Looks at every file now; loads what changed. Called by the watcher, at handshake, and after ACME wrote a pair.</summary>
    public void Refresh()
    {
        lock (_refreshLock)
        {
            RefreshLocked();
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _recheck.Dispose();
    }

    private void RefreshIfDue()
    {
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(Interlocked.Read(ref _lastCheck), now) < _settings.CheckInterval || !_refreshLock.TryEnter())
        {
            return;
        }

        try
        {
            RefreshLocked();
        }
        finally
        {
            _refreshLock.Exit();
        }
    }

    private void RefreshLocked()
    {
        Interlocked.Exchange(ref _lastCheck, _time.GetTimestamp());
        DiscoverDirectoryPairs();
        var now = _time.GetUtcNow();
        var changed = false;
        foreach (var source in _sources.ToList())
        {
            var stamp = FileStamp.Of(source.CertificateFile, source.KeyFile);
            if (source.FromDirectory && !stamp.CertificateExists)
            {
                // The pair was removed from the folder: the administrator no longer wants it served.
                _sources.Remove(source);
                changed |= source.Good is not null;
                continue;
            }

            if (stamp == source.Seen)
            {
                continue;
            }

            var loaded = PemCertificateLoader.Load(source.CertificateFile, source.KeyFile, now, out var error);
            if (loaded is not null)
            {
                source.Good = loaded;
                source.Seen = stamp;
                changed = true;
                CertificateLog.Loaded(_logger, source.CertificateFile, loaded.Names, loaded.NotAfter);
                continue;
            }

            if (stamp.ChangedWithin(now, _settings.SettleTime))
            {
                // Probably half copied (the key written, the chain not yet): look again once the files have settled.
                RecheckSoon(_settings.SettleTime);
                continue;
            }

            source.Seen = stamp;
            var serving = source.Good?.ToString() ?? FallbackOrNothing();
            CertificateLog.Refused(_logger, error!, serving);
        }

        if (changed)
        {
            Volatile.Write(ref _served, [.. _sources.Where(s => s.Good is not null).Select(s => s.Good!).OrderByDescending(c => c.NotAfter)]);
        }
    }

    private void DiscoverDirectoryPairs()
    {
        foreach (var directory in _settings.Directories)
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var certificate in Directory.EnumerateFiles(directory, "*.crt"))
            {
                var full = Path.GetFullPath(certificate);
                if (!_sources.Any(s => s.CertificateFile == full))
                {
                    _sources.Add(new CertificateSource(full, Path.ChangeExtension(full, ".key"), fromDirectory: true));
                }
            }
        }
    }

    private string FallbackOrNothing() =>
        Volatile.Read(ref _served).Length > 0 ? "the other certificates" : _settings.Fallback is null ? "nothing" : _settings.FallbackDescription;

    private void RecheckSoon(TimeSpan delay) => _recheck.Change(delay, Timeout.InfiniteTimeSpan);

    private IEnumerable<string> WatchedFolders() =>
        _settings.Directories.Select(Path.GetFullPath)
            .Concat(_sources.Where(s => !s.FromDirectory).SelectMany(s => new[] { Path.GetDirectoryName(s.CertificateFile)!, Path.GetDirectoryName(s.KeyFile)! }))
            .Distinct(StringComparer.Ordinal)
            .Where(Directory.Exists);

    private IEnumerable<string> Places() =>
        _sources.Where(s => !s.FromDirectory).Select(s => s.CertificateFile)
            .Concat(_settings.Directories.Select(d => Path.Combine(Path.GetFullPath(d), "*.crt")));

    private ServedCertificate? CreateFallback()
    {
        if (_settings.Fallback?.Invoke() is not { } certificate)
        {
            return null;
        }

        return new ServedCertificate(certificate, SslStreamCertificateContext.Create(certificate, null, offline: true), PemCertificateLoader.NamesOf(certificate), _settings.FallbackDescription);
    }

    /// <summary>One chain + key pair on disk and what was last made of it.</summary>
    private sealed class CertificateSource(string certificateFile, string keyFile, bool fromDirectory)
    {
        public string CertificateFile { get; } = certificateFile;

        public string KeyFile { get; } = keyFile;

        public bool FromDirectory { get; } = fromDirectory;

        public FileStamp? Seen { get; set; }

        public ServedCertificate? Good { get; set; }
    }
}
