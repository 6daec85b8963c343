#!/usr/bin/python3
"""One IMAP session with Python's imaplib, as a script or a cron job would run it, printing what it saw as JSON.

Usage: imaplib_session.py HOST PORT USER PASSWORD CAFILE MARKER
Logs in after STARTTLS (the server's certificate is checked against CAFILE, host name 127.0.0.1 included), lists
folders, selects INBOX, searches the subject MARKER (three messages expected: the test delivered them), fetches them,
flags the first, copies it to a new folder, moves the second there, deletes and expunges the third, then looks at
the new folder and INBOX's STATUS. Each step's result goes into the JSON; a NO/BAD raises and ends the script with
the server's words on stderr and exit status 1.
"""
import imaplib
import json
import re
import ssl
import sys


def ok(result):
    typ, data = result
    if typ != "OK":
        raise SystemExit(f"server answered {typ}: {data!r}")
    return data


def text(item):
    return item.decode("utf-8", "replace") if isinstance(item, bytes) else str(item)


def main():
    host, port, user, password, cafile, marker = sys.argv[1:7]
    context = ssl.create_default_context(cafile=cafile)
    out = {}
    imap = imaplib.IMAP4(host, int(port))
    ok(imap.starttls(ssl_context=context))
    ok(imap.login(user, password))
    out["capabilities"] = sorted(imap.capabilities)

    # LIST "" "*": attributes, delimiter and name of each folder (RFC 9051 §7.3.1).
    folders = []
    for line in ok(imap.list()):
        match = re.match(rb'\((?P<attrs>[^)]*)\) (?P<delim>"[^"]*"|NIL) (?P<name>.+)$', line)
        folders.append({"attributes": text(match["attrs"]).split(), "name": text(match["name"]).strip('"')})
    out["folders"] = folders

    out["inbox_exists"] = int(ok(imap.select("INBOX"))[0])
    uids = text(ok(imap.uid("SEARCH", "SUBJECT", marker))[0]).split()
    out["found"] = len(uids)
    if len(uids) != 3:
        raise SystemExit(f"expected 3 messages with subject {marker}, found {uids}")

    fetched = []
    data = ok(imap.uid("FETCH", ",".join(uids), "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT MESSAGE-ID)])"))
    for item in data:
        if isinstance(item, tuple):
            meta, header = item
            fetched.append({
                "uid": re.search(rb"UID (\d+)", meta)[1].decode(),
                "flags": text(re.search(rb"FLAGS \(([^)]*)\)", meta)[1]).split(),
                "size": int(re.search(rb"RFC822\.SIZE (\d+)", meta)[1]),
                "subject": re.search(rb"Subject: ([^\r\n]*)", header, re.I)[1].decode(),
                "message_id": re.search(rb"Message-ID: *<([^>]*)>", header, re.I)[1].decode(),
            })
    out["fetched"] = sorted(fetched, key=lambda m: int(m["uid"]))
    first, second, third = (m["uid"] for m in out["fetched"])

    flags = ok(imap.uid("STORE", first, "+FLAGS", r"(\Flagged)"))
    out["stored_flags"] = text(re.search(rb"FLAGS \(([^)]*)\)", flags[0])[1]).split() if flags and flags[0] else []

    archive = f"Archive-{marker}"
    ok(imap.create(archive))
    ok(imap.uid("COPY", first, archive))
    # RFC 4315 §3: COPYUID in the tagged OK's response code; imaplib keeps response codes by name.
    out["copy"] = " ".join(text(d) for d in (imap.response("COPYUID")[1] or []) if d)
    out["move"] = text(ok(imap.uid("MOVE", second, archive))[0])  # RFC 6851
    ok(imap.uid("STORE", third, "+FLAGS.SILENT", r"(\Deleted)"))
    imap.response("EXPUNGE")  # forget the EXPUNGE that MOVE sent (RFC 6851 §3.3): imaplib collects them by name
    out["expunged"] = [text(n) for n in ok(imap.expunge()) if n]

    left = text(ok(imap.uid("SEARCH", "SUBJECT", marker))[0]).split()
    out["inbox_left"] = left
    ok(imap.close())

    out["archive_exists"] = int(ok(imap.select(archive, readonly=True))[0])
    subjects = []
    for item in ok(imap.fetch("1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")):
        if isinstance(item, tuple):
            subjects.append({"subject": re.search(rb"Subject: ([^\r\n]*)", item[1], re.I)[1].decode(),
                             "flags": text(re.search(rb"FLAGS \(([^)]*)\)", item[0])[1]).split()})
    out["archive"] = subjects
    ok(imap.close())

    status = text(ok(imap.status("INBOX", "(MESSAGES UNSEEN UIDNEXT)"))[0])
    out["inbox_status"] = {k: int(v) for k, v in re.findall(r"(MESSAGES|UNSEEN|UIDNEXT) (\d+)", status)}
    imap.logout()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
