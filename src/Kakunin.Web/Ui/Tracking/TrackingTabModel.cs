using Kakunin.Tracking;

namespace Kakunin.Web.Ui.Tracking;

/// <summary>A piece of evidence ready to show: a link to a report in the mailbox, or a text.</summary>
/// <param name="Url">Set when the report is in the user's mailbox (<see cref="EvidenceKind.Message"/> found).</param>
/// <param name="Server">The remote server's name (<see cref="EvidenceKind.RemoteServer"/>).</param>
public sealed record EvidenceView(EvidenceKind Kind, string? Url = null, string? Server = null)
{
    public static EvidenceView None { get; } = new(EvidenceKind.None);
}

/// <summary>One event of a recipient's timeline: either a delivery state or a read receipt, with where it came from.</summary>
public sealed record EventView(TrackingEventRecord Event, TrackingState? Delivery, TrackingState? Read, EvidenceView Evidence)
{
    /// <summary>
    /// A read receipt's Disposition field, parsed: to be shown in words (UiText.TrackDisposition), never as written.
    /// The intake keeps the field as received in the event's diagnostic (Kakunin.Tracking.ReportIntake).
    /// </summary>
    public Kakunin.Reports.Mdn.Disposition? Disposition => Read is null ? null : Kakunin.Reports.Mdn.Disposition.TryParse(Event.Diagnostic);

    public ProvenanceView Provenance => new(Event.Provenance, Event.ReportedBy, Event.VouchedBy);

    /// <summary>
    /// For a failed or delayed event: why, as the recipient's row says it (the reason and the status code's meaning in the
    /// reader's language, then the server's words as written), so a report written in English reads in Japanese in the
    /// history too (issue 16, "language of reports").
    /// </summary>
    public FailureExplanation? Explanation => Delivery is { } state && TrackedStates.IsProblem(state)
        ? FailureExplanation.For(state, Event.Status, Event.Diagnostic)
        : null;
}

/// <summary>Where a state or event came from, ready to show as a mark and a sentence (Pages/Shared/_Provenance.cshtml).</summary>
/// <param name="ReportedBy">Who a report said it was from.</param>
/// <param name="VouchedBy">The domain that vouched for an authenticated report.</param>
public sealed record ProvenanceView(Provenance Provenance, string? ReportedBy = null, string? VouchedBy = null);

/// <summary>One row of the Tracking tab.</summary>
/// <param name="Failure">For a failed or delayed recipient: why, in the reader's terms.</param>
public sealed record RecipientView(
    TrackedRecipient Recipient,
    TrackingState Delivery,
    TrackingState? Read,
    FailureExplanation? Failure,
    EvidenceView Evidence,
    EvidenceView ReadEvidence,
    IReadOnlyList<EventView> Events)
{
    /// <summary>Where the delivery state came from: the latest event that set it names the reporting party.</summary>
    public ProvenanceView DeliveryProvenance =>
        Latest(e => e.Delivery is not null && e.Event.State == Recipient.State && e.Event.Provenance == Recipient.Provenance) ?? new(Recipient.Provenance);

    /// <summary>Where the read state came from, when there is one.</summary>
    public ProvenanceView? ReadProvenance => Recipient.ReadState is { } read
        ? Latest(e => e.Event.State == read && Recipient.ReadProvenance == e.Event.Provenance) ?? new(Recipient.ReadProvenance ?? Kakunin.Tracking.Provenance.Unverified)
        : null;

    /// <summary>The unverified reports, which changed nothing: shown beside the state, in the reader's terms.</summary>
    public IReadOnlyList<EventView> Unverified => [.. Events.Where(e => e.Event.Provenance == Kakunin.Tracking.Provenance.Unverified)];

    private ProvenanceView? Latest(Func<EventView, bool> which) => Events.LastOrDefault(which)?.Provenance;
}

/// <summary>What the Tracking tab view (Pages/Shared/Components/TrackingTab/Default.cshtml) renders.</summary>
/// <param name="ReadReceiptRequested">Whether the message asked for read receipts; null when that is not known (no Sent copy).</param>
public sealed record TrackingTabModel(TrackedMessage Message, IReadOnlyList<RecipientView> Recipients, bool? ReadReceiptRequested = null)
{
    /// <summary>The ids of reports ("message:&lt;id&gt;") the tab refers to, whose folders must be looked up to link them.</summary>
    public static IReadOnlySet<long> ReportIds(TrackedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Recipients.SelectMany(r => new[] { r.Evidence, r.ReadEvidence })
            .Concat(message.Events.Select(e => e.Evidence))
            .Select(TrackingEvidence.Parse)
            .Where(e => e.Kind == EvidenceKind.Message)
            .Select(e => e.MessageId)
            .ToHashSet();
    }

    /// <summary>
    /// Builds the rows. <paramref name="reportFolders"/> maps each report id still in the user's mailbox to its
    /// folder; a report that is gone is named but not linked.
    /// </summary>
    public static TrackingTabModel Build(TrackedMessage message, IReadOnlyDictionary<long, string> reportFolders, bool? readReceiptRequested = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(reportFolders);
        var events = message.Events.ToLookup(e => e.TrackingRecipientId);
        var rows = message.Recipients.Select(r =>
        {
            var delivery = TrackedStates.Shown(r.State);
            return new RecipientView(
                r,
                delivery,
                r.ReadState,
                TrackedStates.IsProblem(delivery) ? FailureExplanation.For(delivery, r.Status, r.Diagnostic) : null,
                Evidence(r.Evidence, reportFolders),
                Evidence(r.ReadEvidence, reportFolders),
                [.. events[r.Id].Select(e => Event(e, reportFolders))]);
        }).ToList();
        return new TrackingTabModel(message, rows, readReceiptRequested);
    }

    private static EventView Event(TrackingEventRecord e, IReadOnlyDictionary<long, string> reportFolders)
    {
        var read = e.State.IsRead() ? e.State : (TrackingState?)null;
        return new EventView(e, read is null ? TrackedStates.Shown(e.State) : null, read, Evidence(e.Evidence, reportFolders));
    }

    private static EvidenceView Evidence(string? text, IReadOnlyDictionary<long, string> reportFolders)
    {
        var evidence = TrackingEvidence.Parse(text);
        return evidence.Kind switch
        {
            EvidenceKind.Message => new EvidenceView(
                EvidenceKind.Message,
                Url: reportFolders.TryGetValue(evidence.MessageId, out var folder) ? TrackingUrls.Message(folder, evidence.MessageId) : null),
            EvidenceKind.OwnDsn => new EvidenceView(EvidenceKind.OwnDsn),
            EvidenceKind.RemoteServer => new EvidenceView(EvidenceKind.RemoteServer, Server: evidence.Text),
            _ => EvidenceView.None,
        };
    }
}
