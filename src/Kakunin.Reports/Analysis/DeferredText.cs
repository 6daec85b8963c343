namespace Kakunin.Reports.Analysis;

/// <summary>
/// A text found on first read and kept, compared by its value (so records holding one keep value equality). Used
/// where finding the text means reading a report's whole prose and most readers never ask (docs/benchmarks.md §5).
/// Thread-safe: the first reader finds it, others wait.
/// </summary>
internal sealed class DeferredText : IEquatable<DeferredText>
{
    public static readonly DeferredText None = new((string?)null);

    private readonly Lazy<string?> value;

    public DeferredText(string? known) => value = new Lazy<string?>(known);

    public DeferredText(Lazy<string?> source) => value = new Lazy<string?>(() => source.Value, LazyThreadSafetyMode.ExecutionAndPublication);

    public string? Value => value.Value;

    public bool Equals(DeferredText? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DeferredText);

    public override int GetHashCode() => Value is { } text ? StringComparer.Ordinal.GetHashCode(text) : 0;

    public override string? ToString() => Value;
}
