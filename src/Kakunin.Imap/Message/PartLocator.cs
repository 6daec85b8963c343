namespace Kakunin.Imap.Message;

/// <summary>Finds the entity a part number names (RFC 9051 §6.4.5), with Dovecot's reading of the corner cases.</summary>
internal static class PartLocator
{
    /// <summary>
    /// The entity for <paramref name="part"/> (empty: the message itself), or null when there is none. Each number
    /// steps into a multipart's children or into an encapsulated message's body (RFC 9051 §6.4.5: a message whose
    /// body is not multipart has only part 1, its body). As in Dovecot, a non-multipart part of a multipart also
    /// answers to ".1" once (1.1 is part 1 again), but the body of a message does not (for a plain message 1.1 is
    /// empty).
    /// </summary>
    public static MimeEntity? Find(MimeEntity root, IReadOnlyList<int> part)
    {
        if (part.Count == 0)
        {
            return root;
        }

        // Start inside the top-level message: the first number picks within its body.
        MimeEntity? current = null;
        var selfAllowed = false;
        for (var i = 0; i < part.Count; i++)
        {
            var number = part[i];
            if (number < 1)
            {
                return null;
            }

            var container = current is null ? root : current.Message;
            if (current is not null && current.IsMultipart)
            {
                container = null;
                current = number <= current.Children.Count ? current.Children[number - 1] : null;
                selfAllowed = true;
            }
            else if (container is not null)
            {
                // Into a message (the top level, or a message/rfc822 part): its multipart's children, or its body.
                if (container.IsMultipart)
                {
                    current = number <= container.Children.Count ? container.Children[number - 1] : null;
                    selfAllowed = true;
                }
                else
                {
                    current = number == 1 ? container : null;
                    selfAllowed = false;
                }
            }
            else if (selfAllowed && number == 1)
            {
                selfAllowed = false;
            }
            else
            {
                return null;
            }

            if (current is null)
            {
                return null;
            }
        }

        return current;
    }
}
