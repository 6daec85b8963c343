namespace Kakunin.Store;

/// <summary>The text stored in the state column for each <see cref="RecipientState"/>.</summary>
public static class RecipientStates
{
    public static string ToText(this RecipientState state) => state switch
    {
        RecipientState.Pending => "pending",
        RecipientState.Deferred => "deferred",
        RecipientState.Delivered => "delivered",
        RecipientState.Relayed => "relayed",
        RecipientState.Expanded => "expanded",
        RecipientState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static RecipientState Parse(string text) => text switch
    {
        "pending" => RecipientState.Pending,
        "deferred" => RecipientState.Deferred,
        "delivered" => RecipientState.Delivered,
        "relayed" => RecipientState.Relayed,
        "expanded" => RecipientState.Expanded,
        "failed" => RecipientState.Failed,
        _ => throw new FormatException($"Unknown recipient state '{text}'."),
    };

    /// <summary>True for states after which nothing more is attempted.</summary>
    public static bool IsFinal(this RecipientState state) => state is not (RecipientState.Pending or RecipientState.Deferred);
}
