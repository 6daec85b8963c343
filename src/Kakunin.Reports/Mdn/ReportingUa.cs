namespace Kakunin.Reports.Mdn;

/// <summary>The Reporting-UA field (RFC 8098 §3.2.1): <c>ua-name [; ua-product]</c>.</summary>
/// <param name="Name">The ua-name; never contains ';' (RFC 8098 §3.2.1 text-no-semi).</param>
/// <param name="Product">The optional ua-product; may contain ';'.</param>
public sealed record ReportingUa(string Name, string? Product = null)
{
    /// <summary>Kakunin's own value: the product name only, no version or host (RFC 8098 §6.2.2, fingerprinting).</summary>
    public static ReportingUa Kakunin { get; } = new("Kakunin");

    /// <summary>Parses the field value; the first ';' separates name and product.</summary>
    public static ReportingUa Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var semi = value.IndexOf(';', StringComparison.Ordinal);
        if (semi < 0)
        {
            return new ReportingUa(value.Trim());
        }

        var product = value[(semi + 1)..].Trim();
        return new ReportingUa(value[..semi].Trim(), product.Length == 0 ? null : product);
    }

    /// <inheritdoc />
    public override string ToString() => Product is null ? Name : Name + "; " + Product;
}
