namespace Kakunin.Store.Contacts;

/// <summary>Why a contact's field was refused; the page turns each into a sentence in the reader's language.</summary>
public enum ContactProblem
{
    Empty,
    NoAt,
    NotAnAddress,
    TooLong,
    ControlCharacters,
    AlreadySaved,
}
