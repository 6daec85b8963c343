namespace Kakunin.Web.Ui.Text;

// The compose page's formatting toolbar and its link box (compose-editor.js; docs/webmail.md "Rich-text compose").
public abstract partial class UiText
{
    /// <summary>The toolbar's accessible name.</summary>
    public abstract string FormattingToolbar { get; }

    public abstract string FormatBold { get; }

    public abstract string FormatItalic { get; }

    public abstract string FormatBulletedList { get; }

    public abstract string FormatNumberedList { get; }

    public abstract string FormatLink { get; }

    public abstract string FormatQuote { get; }

    /// <summary>The label of the link box's address field.</summary>
    public abstract string LinkAddress { get; }

    public abstract string AddLink { get; }

    public abstract string CancelLink { get; }

    /// <summary>Said when the address typed is not an http, https or mailto URL.</summary>
    public abstract string LinkNotAllowed { get; }

    private sealed partial class English
    {
        public override string FormattingToolbar => "Formatting";

        public override string FormatBold => "Bold";

        public override string FormatItalic => "Italic";

        public override string FormatBulletedList => "Bulleted list";

        public override string FormatNumberedList => "Numbered list";

        public override string FormatLink => "Link";

        public override string FormatQuote => "Quote";

        public override string LinkAddress => "Link address";

        public override string AddLink => "Add link";

        public override string CancelLink => "Cancel";

        public override string LinkNotAllowed => "Only web (http, https) and email (mailto) links can be added, for example https://example.com.";
    }

    private sealed partial class Japanese
    {
        public override string FormattingToolbar => "書式";

        public override string FormatBold => "太字";

        public override string FormatItalic => "斜体";

        public override string FormatBulletedList => "箇条書き";

        public override string FormatNumberedList => "番号付きリスト";

        public override string FormatLink => "リンク";

        public override string FormatQuote => "引用";

        public override string LinkAddress => "リンク先のアドレス";

        public override string AddLink => "リンクを追加";

        public override string CancelLink => "キャンセル";

        public override string LinkNotAllowed => "追加できるのはウェブ（http、https）とメール（mailto）のリンクだけです。例: https://example.com";
    }
}
