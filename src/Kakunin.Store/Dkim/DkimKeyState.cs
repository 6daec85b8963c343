namespace Kakunin.Store.Dkim;

/// <summary>Where a DKIM key is in its rotation (docs/authentication.md, Key rotation).</summary>
public enum DkimKeyState
{
    /// <summary>Signs outgoing mail (one per domain and algorithm).</summary>
    Active,

    /// <summary>Published in DNS, not signing yet: becomes active at its activation time, so receivers' caches hold it first.</summary>
    PublishedNext,

    /// <summary>No longer signs; still published so mail it signed keeps verifying until the record is removed.</summary>
    Retired,
}

/// <summary>The words stored in dkim_keys.state and shown by the CLI.</summary>
public static class DkimKeyStates
{
    public static string ToText(this DkimKeyState state) => state switch
    {
        DkimKeyState.Active => "active",
        DkimKeyState.PublishedNext => "published-next",
        DkimKeyState.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static DkimKeyState Parse(string text) => text switch
    {
        "active" => DkimKeyState.Active,
        "published-next" => DkimKeyState.PublishedNext,
        "retired" => DkimKeyState.Retired,
        _ => throw new FormatException($"unknown DKIM key state '{text}'"),
    };
}
