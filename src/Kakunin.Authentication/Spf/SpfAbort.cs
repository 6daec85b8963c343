namespace Kakunin.Authentication.Spf;

/// <summary>Ends an SPF run with permerror or temperror from any depth of include/redirect; caught by <see cref="SpfEvaluation"/>, never escapes it.</summary>
#pragma warning disable CA1064 // internal control flow of one evaluation, never seen outside the assembly
internal sealed class SpfAbort(AuthResult result, string message) : Exception(message)
#pragma warning restore CA1064
{
    public AuthResult Result { get; } = result;
}
