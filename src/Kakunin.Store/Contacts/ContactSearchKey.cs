using System.Globalization;
using System.Text;

namespace Kakunin.Store.Contacts;

/// <summary>
/// How a contact is found by what someone types: text is folded the same way on both sides (full-width Ｙａｍａ as
/// yama; lower case; katakana as hiragana, so やまだ finds ヤマダ), and
/// the stored key lists the name's words, the address and the pieces of its local part (john.smith → john, smith),
/// each after a space. A typed word matches the start of a word; text in Japanese script matches anywhere in the
/// name too, because Japanese names are usually written without a space (山田太郎 is found by 太郎).
/// </summary>
public static class ContactSearchKey
{
    private static readonly char[] LocalSeparators = ['.', '_', '-', '+'];

    /// <summary>The key stored with a contact.</summary>
    public static string For(string address, string? name)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = new StringBuilder(" ");
        foreach (var word in Words(name))
        {
            key.Append(word).Append(' ');
        }

        var folded = Fold(address);
        key.Append(folded).Append(' ');
        var at = folded.LastIndexOf('@');
        var local = at > 0 ? folded[..at] : folded;
        if (local.IndexOfAny(LocalSeparators) >= 0)
        {
            foreach (var piece in local.Split(LocalSeparators, StringSplitOptions.RemoveEmptyEntries))
            {
                key.Append(piece).Append(' ');
            }
        }

        // The whole name without its spaces too, so 山田太郎 typed in one piece finds 山田 太郎.
        if (Words(name) is { Count: > 1 } words)
        {
            key.Append(string.Concat(words)).Append(' ');
        }

        return key.ToString();
    }

    /// <summary>The words of typed text, folded; empty for none.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var folded = Fold(text);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in folded)
        {
            if (IsSeparator(c))
            {
                Flush();
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>Whether a typed word is in Japanese (or Chinese) script, and so is matched anywhere in a name.</summary>
    public static bool IsJapanese(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (var c in word)
        {
            if (c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Full-width letters, digits and signs as ASCII, lower case, katakana as hiragana.</summary>
    /// <remarks>
    /// By hand rather than string.Normalize(FormKC): the build runs with InvariantGlobalization, where normalisation
    /// does not fold widths, and a key must fold the same way on every machine that writes it.
    /// </remarks>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                // Full-width ！ (U+FF01) … ～ (U+FF5E) are ASCII ! … ~ moved up by 0xFEE0; U+3000 is the ideographic space.
                >= '\uFF01' and <= '\uFF5E' => (char)(chars[i] - 0xFEE0),
                '\u3000' => ' ',
                // Katakana ァ (U+30A1) … ヶ (U+30F6) sit 0x60 above their hiragana.
                >= '\u30A1' and <= '\u30F6' => (char)(chars[i] - 0x60),
                _ => chars[i],
            };
        }

        return new string(chars).ToLowerInvariant();
    }

    // Spaces, and the punctuation that sits between the parts of a name: "Smith, John", "John (work)", ヤマダ・タロウ.
    private static bool IsSeparator(char c) =>
        char.IsWhiteSpace(c) || c is ',' or ';' or '"' or '\'' or '(' or ')' or '<' or '>' or '・' or '、' ||
        char.GetUnicodeCategory(c) is UnicodeCategory.Control;
}
