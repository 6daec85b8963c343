namespace Kakunin.Store.Contacts;

/// <summary>What a contact may hold; the contacts page says which rule a field broke (<see cref="ContactProblem"/>).</summary>
public static class ContactRules
{
    /// <summary>The same limit as a user's own display name (DirectoryRepository.MaxDisplayNameLength).</summary>
    public const int MaxNameLength = 100;

    /// <summary>RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its angle brackets, so an address at most 254.</summary>
    public const int MaxAddressLength = 254;

    /// <summary>Null when <paramref name="address"/> (trimmed) can be stored, else why not.</summary>
    public static ContactProblem? AddressProblem(string? address)
    {
        var text = address?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return ContactProblem.Empty;
        }

        if (text.Length > MaxAddressLength)
        {
            return ContactProblem.TooLong;
        }

        // A line break here would start a new header field wherever the address is written (header injection).
        if (text.Any(char.IsControl))
        {
            return ContactProblem.ControlCharacters;
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return ContactProblem.NoAt;
        }

        // One addr-spec (RFC 5322 §3.4.1), not a list or a name with an address: "Bob <bob@x>" goes into the two fields.
        if (text.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '(' or ')' or '"' or '\\' or '[' or ']') ||
            text.IndexOf('@', StringComparison.Ordinal) != at || text[(at + 1)..].Contains("..", StringComparison.Ordinal) ||
            text[(at + 1)..].StartsWith('.') || text[(at + 1)..].EndsWith('.'))
        {
            return ContactProblem.NotAnAddress;
        }

        return null;
    }

    /// <summary>Null when <paramref name="name"/> (trimmed; empty means none) can be stored, else why not.</summary>
    public static ContactProblem? NameProblem(string? name)
    {
        var text = name?.Trim() ?? string.Empty;
        if (text.Length > MaxNameLength)
        {
            return ContactProblem.TooLong;
        }

        return text.Any(char.IsControl) ? ContactProblem.ControlCharacters : null;
    }

    /// <summary>
    /// A name collected from a sent message, or null: trimmed, without control characters, at most
    /// <see cref="MaxNameLength"/> characters, and not merely the address again.
    /// </summary>
    public static string? CleanName(string? name, string address)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var text = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (text.Length > MaxNameLength)
        {
            text = text[..MaxNameLength].TrimEnd();
        }

        return text.Length == 0 || string.Equals(text, address, StringComparison.OrdinalIgnoreCase) ? null : text;
    }
}
