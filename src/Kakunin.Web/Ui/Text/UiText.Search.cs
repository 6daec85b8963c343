namespace Kakunin.Web.Ui.Text;

// Searching every folder (docs/webmail.md "Search").
public abstract partial class UiText
{
    public abstract string SearchAllFolders { get; }

    public abstract string SearchResultsTitle { get; }

    public abstract string SearchResultsLabel { get; }

    public abstract string SearchAllHint { get; }

    public abstract string NoResultsInAnyFolder(string query);

    public abstract string ResultsFor(int count, string query);

    private sealed partial class English
    {
        public override string SearchAllFolders => "Search all folders";

        public override string SearchResultsTitle => "Search";

        public override string SearchResultsLabel => "Messages found";

        public override string SearchAllHint => "Subject, sender, recipients and message text, in every folder.";

        public override string NoResultsInAnyFolder(string query) => $"No message in any folder matches “{query}”.";

        public override string ResultsFor(int count, string query) => count == 1 ? $"1 message matches “{query}”." : $"{Number(count)} messages match “{query}”.";
    }

    private sealed partial class Japanese
    {
        public override string SearchAllFolders => "すべてのフォルダーを検索";

        public override string SearchResultsTitle => "検索";

        public override string SearchResultsLabel => "見つかったメッセージ";

        public override string SearchAllHint => "すべてのフォルダーの件名、差出人、宛先、本文から探します。";

        public override string NoResultsInAnyFolder(string query) => $"「{query}」に一致するメッセージはどのフォルダーにもありません。";

        public override string ResultsFor(int count, string query) => $"「{query}」に一致するメッセージ: {Number(count)} 件";
    }
}
