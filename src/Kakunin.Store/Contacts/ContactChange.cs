namespace Kakunin.Store.Contacts;

/// <summary>The outcome of adding or editing a contact: its id, or why not (<see cref="Problem"/>).</summary>
public sealed record ContactChange(long? Id, ContactProblem? Problem);
