namespace Kakunin.WebTests.Infrastructure;

/// <summary>
/// Where addresses break across lines, measured from the layout (not read from the CSS): each character's first box
/// (Range.getClientRects) gives its line. For <c>EvaluateAllAsync</c> on the elements that hold addresses.
/// </summary>
public static class AddressLayout
{
    /// <summary>
    /// For each element, where its text breaks across lines: the characters before each break, when one of them is not
    /// "@" or "." ("bob@exampl|e.test").
    /// </summary>
    public const string BadBreaks = "elements => {" + CharacterTops + """
            return elements.flatMap(element => {
                const chars = characterTops(element);
                const bad = [];
                for (let i = 1; i < chars.length; i++) {
                    if (chars[i].top > chars[i - 1].top + 1 && !'@.'.includes(chars[i - 1].c)) {
                        bad.push(element.textContent.trim() + ' breaks after "' + chars.slice(0, i).map(x => x.c).join('') + '"');
                    }
                }
                return bad;
            });
        }
        """;

    /// <summary>How many lines each element's text takes.</summary>
    public const string Lines = "elements => {" + CharacterTops + """
            return elements.map(element => new Set(characterTops(element).map(x => Math.round(x.top))).size);
        }
        """;

    // The text's characters in order, each with the top of its first box.
    private const string CharacterTops = """

            const characterTops = element => {
                const chars = [];
                const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (let i = 0; i < node.data.length; i++) {
                        const range = document.createRange();
                        range.setStart(node, i);
                        range.setEnd(node, i + 1);
                        const box = range.getClientRects()[0];
                        if (box) chars.push({ c: node.data[i], top: box.top });
                    }
                }
                return chars;
            };

        """;
}
