using Kakunin.Protocol;
using Kakunin.Reports.Dsn;

namespace Kakunin.Reports.Analysis;

/// <summary>
/// Which enhanced status code a recipient's outcome reports: the Status field (RFC 3464 §2.3.4, the
/// reporting MTA's own code) or the code in the remote server's words. The words win where the field
/// says less, in the ways reporting MTAs are known to write it.
/// </summary>
internal static class StatusChoice
{
    public static EnhancedStatusCode? Choose(EnhancedStatusCode? field, string? diagnostic, DsnAction? action)
    {
        var codes = BounceText.ReadStatuses(diagnostic);
        if (field is not { } given)
        {
            return codes.Count > 0 ? codes[0] : null;
        }

        if (codes.Count == 0)
        {
            return given;
        }

        var said = codes[0];
        if (said == given)
        {
            // "554 4.4.7 Message expired ... <421 4.4.2 Connection timed out>": the expiry wraps the
            // last reply the server gave, which names the cause.
            return given is { Subject: 4, Detail: 7 } && codes.LastOrDefault(c => c != given && c.Class == given.Class) is { Class: > 0 } inner
                ? inner
                : given;
        }

        // A generic x.0.0 field beside a specific code of the same class.
        if (given is { Subject: 0, Detail: 0 } && said.Class == given.Class && (said.Subject != 0 || said.Detail != 0))
        {
            return said;
        }

        // A bare "delivery time expired" (x.4.7), or a default "bad mailbox" (x.1.1) that some MTAs
        // write for every failure, beside a different code of the same class in the server's words.
        if (given is { Subject: 4, Detail: 7 } or { Subject: 1, Detail: 1 } && said.Class == given.Class)
        {
            return said;
        }

        // A transient class beside a failed Action while the server's code is permanent (RFC 3464
        // §2.3.4 ties the two).
        return action == DsnAction.Failed && given.Class == 4 && said.Class == 5 ? said : given;
    }
}
