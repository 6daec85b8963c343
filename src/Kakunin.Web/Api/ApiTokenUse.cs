using System.Collections.Concurrent;
using Kakunin.Store;

namespace Kakunin.Web.Api;

/// <summary>
/// Notes when each token was last used (shown in the token lists) at most once a minute per token: a commit per
/// request would put every API call on the store's one writer.
/// </summary>
public sealed class ApiTokenUse(KakuninStore store, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _written = new();

    public async Task NoteAsync(long tokenId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_written.TryGetValue(tokenId, out var last) && now - last < Interval)
        {
            return;
        }

        _written[tokenId] = now;
        await store.ApiTokens.TouchAsync(tokenId, now, cancellationToken);
    }
}
