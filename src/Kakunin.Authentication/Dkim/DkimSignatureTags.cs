namespace Kakunin.Authentication.Dkim;

/// <summary>The d=, s= and a= tags of a DKIM-Signature (RFC 6376 §3.5), read leniently so that even a malformed signature is reported by its domain.</summary>
internal static class DkimSignatureTags
{
    /// <summary>RFC 6376 §3.5: b= and bh= are base64; anything else is a malformed signature (PERMFAIL), not a mismatch.</summary>
    public static bool HasBase64Values(string value)
    {
        foreach (var part in value.Split(';'))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || pair[0].Trim() is not ("b" or "bh")) continue;
            var text = string.Concat(pair[1].Where(c => !char.IsWhiteSpace(c)));
            if (text.Length == 0 || !System.Buffers.Text.Base64.IsValid(text)) return false;
        }
        return true;
    }

    public static (string Domain, string? Selector, string? Algorithm) Read(string value)
    {
        var domain = "";
        string? selector = null, algorithm = null;
        foreach (var part in value.Split(';'))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2) continue;
            var tag = pair[0].Trim();
            var text = string.Concat(pair[1].Where(c => !char.IsWhiteSpace(c))); // FWS may appear anywhere in a tag value
            switch (tag)
            {
                case "d": domain = text.TrimEnd('.').ToLowerInvariant(); break;
                case "s": selector = text; break;
                case "a": algorithm = text.ToLowerInvariant(); break;
            }
        }
        return (domain, selector, algorithm);
    }
}
