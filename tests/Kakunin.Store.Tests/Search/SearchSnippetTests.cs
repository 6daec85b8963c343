using Kakunin.Store.Search;

namespace Kakunin.Store.Tests.Search;

/// <summary>The piece of a hit's body shown under its subject (<see cref="SearchSnippet"/>).</summary>
public sealed class SearchSnippetTests
{
    private const char S = SearchMarkers.Start;
    private const char E = SearchMarkers.End;

    [Fact]
    public void A_match_deep_in_a_long_body_is_shown_with_words_around_it_whole_and_ellipses_where_text_was_left_out()
    {
        var before = string.Join(' ', Enumerable.Repeat("alpha beta gamma", 20));
        var after = string.Join(' ', Enumerable.Repeat("delta epsilon", 30));
        var snippet = SearchSnippet.Around($"{before}\r\nthe {S}heron{E} flew\r\n{after}");

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains($"the {S}heron{E} flew delta", snippet, StringComparison.Ordinal); // line breaks as spaces
        Assert.True(snippet.Length <= SearchSnippet.Length + 40, snippet);
        var words = snippet.Trim('…').Split(' ');
        Assert.All(words, w => Assert.Contains(w, new[] { "alpha", "beta", "gamma", "the", $"{S}heron{E}", "flew", "delta", "epsilon" }));
    }

    [Fact]
    public void Japanese_without_spaces_is_cut_between_characters_and_a_mark_cut_at_the_end_is_closed()
    {
        var text = new string('あ', 100) + $"{S}契約書{E}を確認しました" + new string('い', 200);
        var snippet = SearchSnippet.Around(text);

        Assert.Contains($"{S}契約書{E}を確認しました", snippet, StringComparison.Ordinal);
        Assert.StartsWith("…あ", snippet, StringComparison.Ordinal);

        var cut = SearchSnippet.Around($"{S}" + new string('う', 300) + $"{E}");
        Assert.Equal(1, cut.Count(c => c == E));
        Assert.True(cut.IndexOf(E, StringComparison.Ordinal) < cut.IndexOf('…', StringComparison.Ordinal));
    }

    [Fact]
    public void A_body_without_a_match_shows_its_beginning()
    {
        Assert.Equal("Short body.", SearchSnippet.Around("  Short\r\n body. "));
    }
}
