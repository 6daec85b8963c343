namespace Kakunin.Store;

/// <summary>
/// What the queue scheduler leaves out when it asks for due recipients: those it is already working on, and those
/// of destinations that have as much waiting in memory as they may hold (so one slow destination can never fill
/// the scheduler and starve the others). Domains are compared in lower case.
/// </summary>
/// <param name="Busy">Queue recipient ids in flight or cooling down after an error.</param>
/// <param name="SkipDomains">Recipient domains whose destination is full: none of theirs.</param>
/// <param name="OnlyDomains">When set, only recipients in these domains (the local ones, when every remote destination is full).</param>
public sealed record DueFilter(IReadOnlyCollection<long> Busy, IReadOnlyCollection<string> SkipDomains, IReadOnlyCollection<string>? OnlyDomains = null)
{
    public static DueFilter None { get; } = new([], []);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyCollection<long>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class DueFilterJson : System.Text.Json.Serialization.JsonSerializerContext;
