namespace Kakunin.Reports.Dsn;

/// <summary>
/// <c>diagnostic-type ";" *text</c> (RFC 3464 §2.3.6): usually <c>smtp; 550 5.1.1 No such user</c>,
/// the remote server's own words.
/// </summary>
public sealed record DiagnosticCode(string Type, string Text)
{
    public static DiagnosticCode Smtp(string reply) => new("smtp", reply);

    public override string ToString() => $"{Type}; {Text}";
}
