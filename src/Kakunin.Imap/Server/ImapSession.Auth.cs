using System.IO.Pipelines;
using System.Text;
using Kakunin.Imap.Protocol;

namespace Kakunin.Imap.Server;

/// <summary>LOGIN, AUTHENTICATE PLAIN/LOGIN with SASL-IR, ENABLE, and the capability list.</summary>
public sealed partial class ImapSession
{
    private string? _authTag;
    private string? _authMechanism;
    private string? _authUser;
    private bool _utf8Accept;
    private bool _rev2;
    private bool _condStore;
    private bool _qresync;

    /// <summary>
    /// The capabilities for the current state (RFC 9051 §7.2.2): before TLS, STARTTLS and LOGINDISABLED and no AUTH=
    /// (RFC 9051 §6.2.3); after login, every extension the session implements.
    /// </summary>
    public string Capabilities()
    {
        var c = new StringBuilder("IMAP4rev2 IMAP4rev1 SASL-IR LITERAL+ ID ENABLE IDLE");
        if (State == ImapState.NotAuthenticated)
        {
            if (!IsTls && _tlsPossible)
            {
                c.Append(" STARTTLS");
            }

            c.Append(CanLogin ? " AUTH=PLAIN AUTH=LOGIN" : " LOGINDISABLED");
            return c.ToString();
        }

        c.Append(" NAMESPACE UNSELECT UIDPLUS MOVE CHILDREN LIST-EXTENDED LIST-STATUS SPECIAL-USE CONDSTORE QRESYNC ESEARCH BINARY");
        c.Append(" STATUS=SIZE UTF8=ACCEPT APPENDLIMIT=").Append(_backend.AppendLimit);
        return c.ToString();
    }

    private async ValueTask<ImapStep> LoginAsync(string tag, ImapParser p, PipeWriter w, CancellationToken ct)
    {
        p.Space();
        var user = p.AString();
        p.Space();
        var password = ImapParser.Text(p.AStringBytes());
        p.End();
        if (!CanLogin)
        {
            // RFC 9051 §6.2.3 with LOGINDISABLED; the response code is Dovecot's.
            return No(w, tag, "[PRIVACYREQUIRED] Plaintext authentication is disallowed without TLS");
        }

        return await CheckPasswordAsync(tag, user, password, w, ct).ConfigureAwait(false);
    }

    private async ValueTask<ImapStep> AuthenticateAsync(string tag, ImapParser p, PipeWriter w, CancellationToken ct)
    {
        p.Space();
        var mechanism = p.Atom().ToUpperInvariant();
        string? initial = null;
        if (p.TryTake(' '))
        {
            initial = p.Atom(); // RFC 4959: base64, or "=" for an empty response
        }

        p.End();
        if (!CanLogin)
        {
            return No(w, tag, "[PRIVACYREQUIRED] Authentication is disallowed without TLS");
        }

        if (mechanism is not ("PLAIN" or "LOGIN"))
        {
            return No(w, tag, "Unsupported authentication mechanism");
        }

        _authTag = tag;
        _authMechanism = mechanism;
        _authUser = null;
        if (initial is not null)
        {
            return await AuthResponseAsync(Encoding.ASCII.GetBytes(initial), w, ct).ConfigureAwait(false);
        }

        // RFC 9051 §6.2.2: an empty challenge for PLAIN; LOGIN asks "Username:" (draft-murchison-sasl-login).
        Line(w, mechanism == "PLAIN" ? "+ " : "+ VXNlcm5hbWU6");
        return ImapStep.AuthResponse;
    }

    private async ValueTask<ImapStep> AuthResponseAsync(ReadOnlyMemory<byte> line, PipeWriter output, CancellationToken cancellationToken)
    {
        var tag = _authTag ?? "*";
        var text = Encoding.ASCII.GetString(line.Span);
        if (text == "*")
        {
            ResetAuth();
            return Bad(output, tag, "Authentication cancelled"); // RFC 9051 §6.2.2
        }

        byte[] decoded;
        try
        {
            decoded = text == "=" ? [] : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            ResetAuth();
            return Bad(output, tag, "Invalid base64 data");
        }

        if (_authMechanism == "LOGIN")
        {
            if (_authUser is null)
            {
                _authUser = Encoding.UTF8.GetString(decoded);
                Line(output, "+ UGFzc3dvcmQ6");
                return ImapStep.AuthResponse;
            }

            var user = _authUser;
            ResetAuth();
            return await CheckPasswordAsync(tag, user, Encoding.UTF8.GetString(decoded), output, cancellationToken).ConfigureAwait(false);
        }

        // RFC 4616: [authzid] NUL authcid NUL passwd; a different authzid (acting as someone else) is refused.
        ResetAuth();
        var parts = Encoding.UTF8.GetString(decoded).Split('\0');
        if (parts.Length != 3 || (parts[0].Length > 0 && parts[0] != parts[1]))
        {
            return No(output, tag, "[AUTHENTICATIONFAILED] Authentication failed");
        }

        return await CheckPasswordAsync(tag, parts[1], parts[2], output, cancellationToken).ConfigureAwait(false);
    }

    private void ResetAuth()
    {
        _authTag = null;
        _authMechanism = null;
        _authUser = null;
    }

    private async ValueTask<ImapStep> CheckPasswordAsync(string tag, string user, string password, PipeWriter w, CancellationToken ct)
    {
        var result = await _backend.AuthenticateAsync(ClientInfo, user, password, ct).ConfigureAwait(false);
        if (result.RefusedForNow)
        {
            Log.AuthFailed(_logger, SessionId, _remote?.Address.ToString());
            return No(w, tag, "[UNAVAILABLE] Too many failed logins, try again later");
        }

        if (result.User is not { } signedIn)
        {
            Log.AuthFailed(_logger, SessionId, _remote?.Address.ToString());
            return No(w, tag, "[AUTHENTICATIONFAILED] Authentication failed");
        }

        User = signedIn;
        State = ImapState.Authenticated;
        _watch = _backend.Watch(signedIn, OnChanged);
        Log.LoggedIn(_logger, SessionId, signedIn.Address);
        return Ok(w, tag, $"[CAPABILITY {Capabilities()}] Logged in");
    }

    // On a pool thread: mark the selected folder and wake IDLE. Nothing is buffered; the session reads the changes itself.
    private void OnChanged(long? folderId)
    {
        var selected = _selected;
        if (selected is not null && folderId == selected.FolderId)
        {
            selected.Dirty = true;
            Wake?.Invoke();
        }
    }

    // RFC 5161: only in the authenticated state; capabilities not known or not enableable are left out of ENABLED.
    private ImapStep Enable(string tag, ImapParser p, PipeWriter w)
    {
        if (State != ImapState.Authenticated)
        {
            return Bad(w, tag, "ENABLE is only valid before SELECT");
        }

        var enabled = new List<string>();
        do
        {
            p.Space();
            var name = p.Atom().ToUpperInvariant();
            switch (name)
            {
                case "CONDSTORE" when !_condStore:
                    _condStore = true;
                    enabled.Add(name);
                    break;
                case "QRESYNC" when !_qresync:
                    _qresync = true;
                    _condStore = true; // RFC 7162 §3.2.3: QRESYNC implies CONDSTORE
                    enabled.Add(name);
                    break;
                case "UTF8=ACCEPT" when !_utf8Accept:
                    _utf8Accept = true;
                    enabled.Add(name);
                    break;
                case "IMAP4REV2" when !_rev2:
                    _rev2 = true;
                    enabled.Add("IMAP4rev2");
                    break;
            }
        }
        while (!p.AtEnd);

        Line(w, enabled.Count == 0 ? "* ENABLED" : "* ENABLED " + string.Join(' ', enabled));
        return Ok(w, tag, "Enabled");
    }
}
