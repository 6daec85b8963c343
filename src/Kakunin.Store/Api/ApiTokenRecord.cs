namespace Kakunin.Store.Api;

/// <summary>One API token as stored: never its text, only what identifies it to a person and to the server.</summary>
/// <param name="Prefix">The first characters of the token (e.g. <c>kk_AbC12xYz</c>), shown in lists so a person can tell tokens apart.</param>
/// <param name="RevokedAt">When it was revoked; null while it works.</param>
public sealed record ApiTokenRecord(
    long Id,
    string User,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
