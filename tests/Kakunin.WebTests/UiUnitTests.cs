using System.Reflection;
using Kakunin.Web.Ui;
using Kakunin.Web.Ui.Language;
using Kakunin.Web.Ui.Text;

namespace Kakunin.WebTests;

/// <summary>The pure parts of the UI: language choice, date text, the text catalogue.</summary>
public sealed class UiUnitTests
{
    [Theory]
    [InlineData("ja", UiLanguage.Ja)]
    [InlineData("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", UiLanguage.Ja)]
    [InlineData("en-US,en;q=0.9,ja;q=0.8", UiLanguage.En)]
    [InlineData("fr-FR, ja;q=0.5", UiLanguage.Ja)]
    [InlineData("en;q=0.4, ja;q=0.6", UiLanguage.Ja)]
    [InlineData("ja;q=0, en", UiLanguage.En)]
    [InlineData("EN-gb", UiLanguage.En)]
    [InlineData("fr, de", null)]
    [InlineData("*", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Accept_language_picks_the_most_preferred_language_we_have(string? header, UiLanguage? expected) =>
        Assert.Equal(expected, AcceptLanguage.Choose(header));

    [Fact]
    public void Times_are_written_in_utc_with_explicit_patterns()
    {
        var tokyoMorning = new DateTimeOffset(2026, 5, 3, 14, 5, 9, TimeSpan.FromHours(9));

        Assert.Equal("2026年5月3日 5:05 UTC", UiTime.FormatUtc(tokyoMorning, UiLanguage.Ja));
        Assert.Equal("3 May 2026, 05:05 UTC", UiTime.FormatUtc(tokyoMorning, UiLanguage.En));
        Assert.Equal("2026年5月3日", UiTime.FormatUtc(tokyoMorning, UiLanguage.Ja, UiTimeStyle.Date));
        Assert.Equal("2026-05-03T05:05:09Z", UiTime.Iso(tokyoMorning));

        var html = UiTime.Element(tokyoMorning, UiLanguage.En, UiTimeStyle.DateTime).ToString();
        Assert.Equal("<time datetime=\"2026-05-03T05:05:09Z\" data-local=\"datetime\">3 May 2026, 05:05 UTC</time>", html);
    }

    /// <summary>Catches an English text pasted into the Japanese catalogue (or an empty one) in any partial file.</summary>
    [Fact]
    public void Every_text_is_written_in_both_languages()
    {
        string[] sameInBoth = [nameof(UiText.ProductName)];
        var texts = typeof(UiText).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string));
        foreach (var text in texts)
        {
            var english = (string)text.GetValue(UiText.En)!;
            var japanese = (string)text.GetValue(UiText.Ja)!;
            Assert.False(string.IsNullOrWhiteSpace(english), text.Name);
            Assert.False(string.IsNullOrWhiteSpace(japanese), text.Name);
            if (!sameInBoth.Contains(text.Name))
            {
                Assert.True(english != japanese, $"{text.Name} is \"{english}\" in both languages");
            }
        }

        Assert.Equal("受信トレイ", UiText.Ja.FolderName("Inbox"));
        Assert.Equal("Projects", UiText.Ja.FolderName("Projects"));
        Assert.Equal("1 unread message", UiText.En.UnreadCount(1));
    }
}
