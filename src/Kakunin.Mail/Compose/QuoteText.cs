namespace Kakunin.Mail.Compose;

/// <summary>The reader-language words put around quoted text: "On {0}, {1} wrote:" and the forward banner.</summary>
/// <param name="WroteLine">Format with {0} = date text, {1} = sender.</param>
/// <param name="ForwardBanner">The line above a forwarded message.</param>
/// <param name="FormatDate">How the original's date is written in that language.</param>
public sealed record QuoteText(string WroteLine, string ForwardBanner, Func<DateTimeOffset, string> FormatDate);
