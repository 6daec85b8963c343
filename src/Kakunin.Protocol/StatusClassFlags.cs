namespace Kakunin.Protocol;

internal static class StatusClassFlags
{
    public static StatusClasses For(int statusClass) => statusClass switch
    {
        2 => StatusClasses.Success,
        4 => StatusClasses.Transient,
        5 => StatusClasses.Permanent,
        _ => StatusClasses.None,
    };
}
