using System.Text;
using Kakunin.Protocol;

namespace Kakunin.Smtp.Server;

/// <summary>AUTH PLAIN (RFC 4616) and LOGIN over RFC 4954 for <see cref="SmtpSession"/>.</summary>
public sealed partial class SmtpSession
{
    private const string UserNamePrompt = "VXNlcm5hbWU6"; // base64("Username:")
    private const string PasswordPrompt = "UGFzc3dvcmQ6"; // base64("Password:")

    private string? _authMechanism;
    private string? _loginUser;

    private async ValueTask<SmtpResponse> AuthAsync(string arguments, CancellationToken cancellationToken)
    {
        // RFC 4954 §4: AUTH after EHLO, once, and not inside a transaction.
        if (!_ehlo)
        {
            return Reply(SmtpServerReplies.BadSequence("Send EHLO first"));
        }

        if (AuthenticatedUser is not null)
        {
            return Reply(SmtpServerReplies.BadSequence("Already authenticated"));
        }

        if (_mailFrom is not null)
        {
            return Reply(SmtpServerReplies.BadSequence("AUTH not allowed during a mail transaction"));
        }

        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2)
        {
            return Reply(SmtpReplies.BadArguments("Syntax: AUTH mechanism [initial-response]"));
        }

        var mechanism = parts[0].ToUpperInvariant();
        if (mechanism is not ("PLAIN" or "LOGIN"))
        {
            return Reply(SmtpServerReplies.AuthUnknownMechanism);
        }

        // RFC 4954 §4 / §6: plaintext mechanisms only under TLS unless configured otherwise.
        if (!IsTls && !_options.AllowInsecureAuth)
        {
            return Reply(SmtpServerReplies.AuthNeedsTls);
        }

        _authMechanism = mechanism;
        if (parts.Length == 1)
        {
            // RFC 4954 §4: no initial response, so an empty challenge (PLAIN) or the user name prompt (LOGIN).
            return Reply(SmtpServerReplies.AuthChallenge(mechanism == "PLAIN" ? string.Empty : UserNamePrompt), SmtpStep.AuthResponse);
        }

        // RFC 4954 §4: "=" is an empty initial response.
        return await ContinueAuthAsync(parts[1] == "=" ? string.Empty : parts[1], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles one line of a SASL exchange (after a 334). The line is never logged.</summary>
    public async ValueTask<SmtpResponse> ContinueAuthAsync(string line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);

        // RFC 4954 §4: "*" cancels, answered 501.
        if (line == "*")
        {
            ResetAuth();
            return Reply(SmtpServerReplies.AuthCancelled);
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(line);
        }
        catch (FormatException)
        {
            ResetAuth();
            return Reply(SmtpServerReplies.AuthBadBase64);
        }

        if (_authMechanism == "LOGIN" && _loginUser is null)
        {
            _loginUser = Encoding.UTF8.GetString(decoded);
            return Reply(SmtpServerReplies.AuthChallenge(PasswordPrompt), SmtpStep.AuthResponse);
        }

        string user;
        string password;
        if (_authMechanism == "LOGIN")
        {
            user = _loginUser!;
            password = Encoding.UTF8.GetString(decoded);
        }
        else
        {
            // RFC 4616 §2: message = [authzid] NUL authcid NUL passwd.
            var fields = Encoding.UTF8.GetString(decoded).Split('\0');
            if (fields.Length != 3 || fields[1].Length == 0 || (fields[0].Length > 0 && fields[0] != fields[1]))
            {
                ResetAuth();
                return Reply(SmtpReplies.AuthenticationFailed);
            }

            user = fields[1];
            password = fields[2];
        }

        ResetAuth();
        SmtpAuthResult result;
        try
        {
            result = await _backend.AuthenticateAsync(Info, user, password, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.BackendFailed(_logger, SessionId, ex);
            return Reply(AuthTemporaryFailure("Temporary authentication failure"));
        }

        if (result.RefusedForNow)
        {
            // RFC 4954 §6: 454 4.7.0 "temporary authentication failure"; the credentials were not checked, so the
            // reply says nothing about them (the same answer for a right password while the refusal lasts).
            return Reply(AuthTemporaryFailure("Too many authentication failures, try again later"));
        }

        if (result.User is null)
        {
            Log.AuthFailed(_logger, SessionId, _remote?.Address.ToString());
            return Reply(SmtpReplies.AuthenticationFailed); // RFC 4954 §6: 535 5.7.8
        }

        AuthenticatedUser = result.User;
        return Reply(SmtpServerReplies.AuthSucceeded);
    }

    /// <summary>454 4.7.0 temporary authentication failure (RFC 4954 §6).</summary>
    private static SmtpReply AuthTemporaryFailure(string text) => new(454, EnhancedStatusCodes.OtherSecurity.WithClass(4), text);

    private void ResetAuth()
    {
        _authMechanism = null;
        _loginUser = null;
    }
}
