"""Runs Debian's python3-spf (pyspf) and python3-dkim (dkimpy) on the cases a C# test wrote, answering their DNS
questions from the same records the C# evaluators saw. Prints {case id: result} as JSON.

pyspf lets its DNS function be replaced (spf.DNSLookup); dkimpy's verify() and arc_verify() take a dnsfunc.
"arc_seal" steps run first, in order (a step may seal what an earlier one wrote): dkimpy's arc_sign adds one ARC set
(RFC 8617 §4.1) to the message in "in", after the header lines in "prepend" (the sealer's own Authentication-Results,
which arc_sign reads its cv= from), and writes the result to "out"."""
import json
import sys

import dkim
import spf

data = json.load(open(sys.argv[1], encoding="utf-8"))
records = {(r["name"], r["type"]): r["values"] for r in data["zone"]["records"]}
failing = {n.lower() for n in data["zone"]["failing"]}


def spf_lookup(name, qtype, strict=True, timeout=None):
    key = name.rstrip(".").lower()
    if key in failing:
        raise spf.TempError("DNS timeout for " + key)
    answers = []
    for value in records.get((key, qtype), []):
        if qtype == "TXT":
            answers.append(((name, qtype), [value.encode("utf-8")]))
        elif qtype == "MX":
            preference, host = value.split(" ")
            answers.append(((name, qtype), (int(preference), host)))
        else:
            answers.append(((name, qtype), value))
    return answers


def dkim_txt(name, timeout=5):
    key = (name.decode("ascii") if isinstance(name, bytes) else name).rstrip(".").lower()
    if key in failing:
        raise dkim.DnsTimeoutError("DNS timeout for " + key)
    values = records.get((key, "TXT"))
    return values[0].encode("utf-8") if values else None


spf.DNSLookup = spf_lookup
results = {}
for case in data.get("spf", []):
    query = spf.query(i=case["ip"], s=case["sender"], h=case["helo"], receiver="mx.example.test", strict=True)
    result, _code, _explanation = query.check()
    results[case["id"]] = result

for case in data.get("dkim", []):
    with open(case["file"], "rb") as f:
        message = f.read()
    try:
        ok = dkim.verify(message, dnsfunc=dkim_txt)
    except Exception:  # dkimpy raises for some malformed input; that is "not a pass"
        ok = False
    results[case["id"]] = "pass" if ok else "not-pass"

for step in data.get("arc_seal", []):
    with open(step["in"], "rb") as f:
        message = step.get("prepend", "").encode("utf-8") + f.read()
    with open(step["key"], "rb") as f:
        key = f.read()
    arc_set = dkim.arc_sign(message, step["selector"].encode("ascii"), step["domain"].encode("ascii"), key,
                            step["srv_id"].encode("ascii"), include_headers=[b"from", b"to", b"subject", b"date", b"message-id"])
    if not arc_set:
        raise SystemExit("arc_sign added no ARC set for " + step["out"])
    with open(step["out"], "wb") as f:
        f.write(b"".join(arc_set) + message)

for case in data.get("arc", []):
    with open(case["file"], "rb") as f:
        message = f.read()
    try:
        cv, _results, _reason = dkim.arc_verify(message, dnsfunc=dkim_txt)
        results[case["id"]] = cv.decode("ascii")
    except Exception as e:  # a DNS timeout raises: dkimpy has no temperror for ARC
        results[case["id"]] = "error: " + type(e).__name__

json.dump(results, sys.stdout)
