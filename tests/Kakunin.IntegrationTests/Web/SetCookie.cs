namespace Kakunin.IntegrationTests.Web;

/// <summary>One Set-Cookie header line, split into its name and attributes (RFC 6265 §4.1) for assertions.</summary>
public sealed record SetCookie(string Name, IReadOnlyDictionary<string, string> Attributes)
{
    public bool Secure => Attributes.ContainsKey("secure");

    public bool HttpOnly => Attributes.ContainsKey("httponly");

    public string? SameSite => Attributes.TryGetValue("samesite", out var value) ? value : null;

    public static SetCookie Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var name = parts[0][..parts[0].IndexOf('=', StringComparison.Ordinal)];
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            attributes[(equals < 0 ? part : part[..equals]).ToLowerInvariant()] = equals < 0 ? string.Empty : part[(equals + 1)..].ToLowerInvariant();
        }

        return new SetCookie(name, attributes);
    }

    /// <summary>Every line parsed; fails when <paramref name="expectedNames"/> are not all among them.</summary>
    public static IReadOnlyList<SetCookie> ParseAll(IReadOnlyList<string> lines, params string[] expectedNames)
    {
        var cookies = lines.Select(Parse).ToList();
        foreach (var name in expectedNames)
        {
            Assert.True(cookies.Exists(c => c.Name == name), $"no Set-Cookie for {name} among:\n{string.Join('\n', lines)}");
        }

        return cookies;
    }
}
