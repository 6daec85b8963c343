namespace Kakunin.Protocol;

/// <summary>
/// Named enhanced status codes (RFC 3463 §3, RFC 5248 registry) with the class a server sends
/// them with. Use <see cref="EnhancedStatusCode.WithClass"/> for the other class.
/// </summary>
public static class EnhancedStatusCodes
{
    public static readonly EnhancedStatusCode Success = new(2, 0, 0);
    public static readonly EnhancedStatusCode OtherAddressStatus = new(2, 1, 0);
    public static readonly EnhancedStatusCode DestinationAddressValid = new(2, 1, 5);
    public static readonly EnhancedStatusCode OtherUndefinedTransient = new(4, 0, 0);
    public static readonly EnhancedStatusCode OtherUndefinedPermanent = new(5, 0, 0);

    public static readonly EnhancedStatusCode BadDestinationMailbox = new(5, 1, 1);
    public static readonly EnhancedStatusCode BadDestinationSystem = new(5, 1, 2);
    public static readonly EnhancedStatusCode BadDestinationMailboxSyntax = new(5, 1, 3);
    public static readonly EnhancedStatusCode DestinationMailboxMoved = new(5, 1, 6);
    public static readonly EnhancedStatusCode BadSenderMailboxSyntax = new(5, 1, 7);
    public static readonly EnhancedStatusCode BadSenderSystem = new(5, 1, 8);
    public static readonly EnhancedStatusCode RelayedToNonCompliantMailer = new(2, 1, 9);
    public static readonly EnhancedStatusCode RecipientNullMx = new(5, 1, 10);

    public static readonly EnhancedStatusCode MailboxDisabled = new(5, 2, 1);
    public static readonly EnhancedStatusCode MailboxFull = new(4, 2, 2);
    public static readonly EnhancedStatusCode MessageExceedsMailboxLimit = new(5, 2, 3);

    public static readonly EnhancedStatusCode OtherMailSystem = new(4, 3, 0);
    public static readonly EnhancedStatusCode MailSystemFull = new(4, 3, 1);
    public static readonly EnhancedStatusCode SystemNotAcceptingMessages = new(4, 3, 2);
    public static readonly EnhancedStatusCode MessageTooBig = new(5, 3, 4);

    public static readonly EnhancedStatusCode NoAnswerFromHost = new(4, 4, 1);
    public static readonly EnhancedStatusCode BadConnection = new(4, 4, 2);
    public static readonly EnhancedStatusCode DirectoryServerFailure = new(4, 4, 3);
    public static readonly EnhancedStatusCode UnableToRoute = new(5, 4, 4);
    public static readonly EnhancedStatusCode RoutingLoop = new(5, 4, 6);
    public static readonly EnhancedStatusCode DeliveryTimeExpired = new(5, 4, 7);

    public static readonly EnhancedStatusCode InvalidCommand = new(5, 5, 1);
    public static readonly EnhancedStatusCode SyntaxError = new(5, 5, 2);
    public static readonly EnhancedStatusCode TooManyRecipients = new(4, 5, 3);
    public static readonly EnhancedStatusCode InvalidArguments = new(5, 5, 4);
    public static readonly EnhancedStatusCode AuthLineTooLong = new(5, 5, 6);

    public static readonly EnhancedStatusCode OtherMediaError = new(5, 6, 0);
    public static readonly EnhancedStatusCode ConversionRequiredNotSupported = new(5, 6, 3);
    public static readonly EnhancedStatusCode NonAsciiAddressNotPermitted = new(5, 6, 7);
    public static readonly EnhancedStatusCode Utf8HeaderCannotBeTransferred = new(5, 6, 9);

    public static readonly EnhancedStatusCode OtherSecurity = new(5, 7, 0);
    public static readonly EnhancedStatusCode DeliveryNotAuthorized = new(5, 7, 1);
    public static readonly EnhancedStatusCode AuthCredentialsInvalid = new(5, 7, 8);
    public static readonly EnhancedStatusCode AuthMechanismTooWeak = new(5, 7, 9);
    public static readonly EnhancedStatusCode EncryptionNeeded = new(5, 7, 10);
    public static readonly EnhancedStatusCode UserAccountDisabled = new(5, 7, 13);
    public static readonly EnhancedStatusCode SpfValidationFailed = new(5, 7, 23);
    public static readonly EnhancedStatusCode MultipleAuthChecksFailed = new(5, 7, 26);
    public static readonly EnhancedStatusCode SenderNullMx = new(5, 7, 27);
    public static readonly EnhancedStatusCode RequireTlsSupportRequired = new(5, 7, 30);
}
