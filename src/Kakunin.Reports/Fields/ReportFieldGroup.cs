namespace Kakunin.Reports.Fields;

/// <summary>
/// A block of fields separated from the next by a blank line: the per-message block or one
/// per-recipient block of a delivery-status or disposition-notification body (RFC 3464 §2.1).
/// Field order is kept; names compare case-insensitively (RFC 5322 §1.2.2).
/// </summary>
public sealed class ReportFieldGroup(IReadOnlyList<ReportField> fields)
{
    public IReadOnlyList<ReportField> Fields { get; } = fields;

    /// <summary>The value of the first field with this name, or null.</summary>
    public string? this[string name]
    {
        get
        {
            // By index: a foreach over the interface allocated an enumerator per lookup, and a DSN reads about
            // ten fields per recipient block (docs/benchmarks.md §5).
            var fields = Fields;
            for (var i = 0; i < fields.Count; i++)
            {
                if (fields[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return fields[i].Value;
                }
            }

            return null;
        }
    }

    public bool Contains(string name) => this[name] is not null;
}
