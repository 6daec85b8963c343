namespace Kakunin.Reports.Fields;

/// <summary>One <c>Name: value</c> field of a report block, unfolded, value trimmed.</summary>
public sealed record ReportField(string Name, string Value);
