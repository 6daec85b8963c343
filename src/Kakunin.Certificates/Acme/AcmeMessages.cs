using System.Text.Json.Serialization;

namespace Kakunin.Certificates.Acme;

// The JSON objects of RFC 8555 §7.1 that Kakunin reads and writes; fields it does not use are left out.

/// <summary>RFC 7515 §7.2.2 flattened JWS JSON.</summary>
public sealed record FlattenedJws(
    [property: JsonPropertyName("protected")] string Protected,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("signature")] string Signature);

/// <summary>RFC 8555 §7.1.1 directory.</summary>
public sealed record AcmeDirectory(string NewNonce, string NewAccount, string NewOrder, AcmeDirectoryMeta? Meta);

/// <summary>RFC 8555 §7.1.1 directory metadata.</summary>
public sealed record AcmeDirectoryMeta(string? TermsOfService);

/// <summary>RFC 8555 §7.3 new-account request.</summary>
public sealed record AcmeNewAccount(bool TermsOfServiceAgreed, IReadOnlyList<string>? Contact);

/// <summary>RFC 8555 §9.7.7 identifier (type "dns").</summary>
public sealed record AcmeIdentifier(string Type, string Value);

/// <summary>RFC 8555 §7.4 new-order request.</summary>
public sealed record AcmeNewOrder(IReadOnlyList<AcmeIdentifier> Identifiers);

/// <summary>RFC 8555 §7.1.3 order object.</summary>
public sealed record AcmeOrder(string Status, IReadOnlyList<string> Authorizations, string Finalize, string? Certificate, AcmeProblem? Error);

/// <summary>RFC 8555 §7.1.4 authorization object.</summary>
public sealed record AcmeAuthorization(string Status, AcmeIdentifier Identifier, IReadOnlyList<AcmeChallenge> Challenges);

/// <summary>RFC 8555 §8 challenge object.</summary>
public sealed record AcmeChallenge(string Type, string Url, string? Token, string Status, AcmeProblem? Error);

/// <summary>RFC 8555 §7.4 finalize request: the CSR, DER, base64url.</summary>
public sealed record AcmeFinalize(string Csr);

/// <summary>RFC 8555 §6.7 / RFC 7807 problem document.</summary>
public sealed record AcmeProblem(string? Type, string? Detail, int? Status);

/// <summary>The empty object posted to a challenge URL to say "ready" (RFC 8555 §7.5.1).</summary>
public sealed record AcmeEmpty;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FlattenedJws))]
[JsonSerializable(typeof(AcmeDirectory))]
[JsonSerializable(typeof(AcmeNewAccount))]
[JsonSerializable(typeof(AcmeNewOrder))]
[JsonSerializable(typeof(AcmeOrder))]
[JsonSerializable(typeof(AcmeAuthorization))]
[JsonSerializable(typeof(AcmeFinalize))]
[JsonSerializable(typeof(AcmeProblem))]
[JsonSerializable(typeof(AcmeEmpty))]
internal sealed partial class AcmeJsonContext : JsonSerializerContext;
