"""Checks messages as a relay received them: dkimpy verifies every DKIM-Signature, and a strict MIME parse
checks structure, encoded words, line lengths and cid: references against what the test expected.

Usage: /usr/bin/python3 wire_check.py DIR   (DIR holds NAME.eml, NAME.json per message and dns.json)
Prints one JSON object per message: {"name", "signatures": [{"a", "d", "s", "ok"}], "problems": [...]}.
"""
import email
import email.policy
import hashlib
import json
import os
import re
import sys

import dkim


def lines_ok(raw, problems, smtputf8):
    start = 0
    header = True
    n = 0
    while start < len(raw):
        end = raw.find(b"\n", start)
        if end < 0:
            problems.append("the message does not end with CRLF")
            end = len(raw)
            line = raw[start:]
        else:
            if end == start or raw[end - 1:end] != b"\r":
                problems.append("line %d ends with a bare LF" % (n + 1))
            line = raw[start:end].rstrip(b"\r")
        n += 1
        if len(line) > 998:
            problems.append("line %d has %d octets (more than 998)" % (n, len(line)))
        if header and line == b"":
            header = False
        elif any(b > 0x7F for b in line) and not (header and smtputf8):
            problems.append("line %d has 8-bit octets%s" % (n, " in the header" if header else ""))
        start = end + 1


def parts(msg):
    yield msg
    if msg.is_multipart():
        for p in msg.get_payload():
            yield from parts(p)


def check_mime(raw, expect, problems):
    smtputf8 = expect.get("smtputf8", False)
    lines_ok(raw, problems, smtputf8)
    policy = email.policy.strict.clone(utf8=smtputf8)
    try:
        if smtputf8:
            # RFC 6532: the header is UTF-8; the bytes parser would keep it as surrogate escapes.
            msg = email.message_from_string(raw.decode("utf-8"), policy=policy)
        else:
            msg = email.message_from_bytes(raw, policy=policy)
    except Exception as e:  # strict: any defect raises
        problems.append("strict parse failed: %r" % (e,))
        return
    if msg.defects:
        problems.append("defects: %r" % (msg.defects,))
    for name in ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version"):
        if len(msg.get_all(name, [])) != 1:
            problems.append("%s appears %d times" % (name, len(msg.get_all(name, []))))
    raw_header = raw.split(b"\r\n\r\n", 1)[0].decode("utf-8" if smtputf8 else "ascii", "replace")
    for word in re.findall(r"=\?[^?\s]+\?[^?\s]+\?[^?\s]*\?=", raw_header):
        if len(word) > 75:
            problems.append("encoded word longer than 75: %s" % word[:40])
    subject = str(msg["Subject"])
    if subject != expect["subject"]:
        problems.append("Subject decodes to %r, expected %r" % (subject[:80], expect["subject"][:80]))
    frm = msg["From"].addresses[0]
    if frm.display_name != expect["fromName"] or frm.addr_spec != expect["from"]:
        problems.append("From is %r <%s>, expected %r <%s>" % (frm.display_name, frm.addr_spec, expect["fromName"], expect["from"]))
    to = msg["To"].addresses[0].addr_spec
    if to != expect["to"]:
        problems.append("To is %r, expected %r" % (to, expect["to"]))
    unsub = expect.get("listUnsubscribe")
    if unsub:
        got = re.sub(r"\s", "", str(msg.get("List-Unsubscribe", "")))
        if got != "<" + unsub + ">":
            problems.append("List-Unsubscribe is %r" % got[:80])
        if str(msg.get("List-Unsubscribe-Post", "")) != "List-Unsubscribe=One-Click":
            problems.append("List-Unsubscribe-Post missing")
    # Attached files: mixed(body, files...), each a base64 attachment whose name and bytes are as sent.
    files = expect.get("attachments")
    if files:
        if msg.get_content_type() != "multipart/mixed":
            problems.append("top level is %s, expected multipart/mixed for attachments" % msg.get_content_type())
            return
        subs = msg.get_payload()
        if len(subs) != 1 + len(files):
            problems.append("multipart/mixed has %d parts, expected %d" % (len(subs), 1 + len(files)))
            return
        for want, part in zip(files, subs[1:]):
            if part.get_content_disposition() != "attachment":
                problems.append("%s: disposition %r" % (want["filename"], part.get_content_disposition()))
            if part.get_filename() != want["filename"]:
                problems.append("file name decodes to %r, expected %r" % (part.get_filename(), want["filename"]))
            if part.get_content_type() != want["type"]:
                problems.append("%s: type %s, expected %s" % (want["filename"], part.get_content_type(), want["type"]))
            if part.get("Content-Transfer-Encoding", "").lower() != "base64":
                problems.append("%s is not base64" % want["filename"])
            data = part.get_payload(decode=True) or b""
            if hashlib.sha256(data).hexdigest() != want["sha256"]:
                problems.append("%s: %d bytes that differ from those sent" % (want["filename"], len(data)))
        msg = subs[0]
    # Structure: text alone, or alternative(text, html | related(html, images...)).
    ctype = msg.get_content_type()
    text_part = html_part = related = None
    if expect.get("html"):
        if ctype != "multipart/alternative":
            problems.append("top level is %s, expected multipart/alternative" % ctype)
            return
        subs = msg.get_payload()
        if len(subs) != 2 or subs[0].get_content_type() != "text/plain":
            problems.append("alternative should be text/plain then HTML, is %r" % [s.get_content_type() for s in subs])
            return
        text_part = subs[0]
        if subs[1].get_content_type() == "multipart/related":
            related = subs[1]
            if related.get_param("type") != "text/html":
                problems.append("multipart/related without type=text/html (RFC 2387)")
            html_part = related.get_payload()[0]
        else:
            html_part = subs[1]
        if html_part.get_content_type() != "text/html":
            problems.append("the HTML part is %s" % html_part.get_content_type())
            return
    else:
        if ctype != "text/plain":
            problems.append("top level is %s, expected text/plain" % ctype)
            return
        text_part = msg
    text = text_part.get_content()
    if not text.strip():
        problems.append("the text part is empty")
    norm = lambda s: s.replace("\r\n", "\n").replace("\r", "\n")
    if "text" in expect and norm(text) != norm(expect["text"]):
        problems.append("text differs: %r..." % norm(text)[:120])
    for snippet in expect.get("textContains", []):
        if snippet not in text:
            problems.append("text lacks %r" % snippet)
    if html_part is not None:
        html = html_part.get_content()
        if "html" in expect and expect["html"] is not True and norm(html) != norm(expect["html"]):
            problems.append("html differs")
        cids = set(re.findall(r"cid:([^\"'\s)>]+)", html))
        have = {}
        if related is not None:
            for p in related.get_payload()[1:]:
                cid = (p.get("Content-ID") or "").strip()
                if cid.startswith("<") and cid.endswith(">"):
                    have[cid[1:-1]] = p
        for cid in cids:
            if cid not in have:
                problems.append("cid:%s has no part" % cid)
            elif not have[cid].get_content():
                problems.append("cid:%s is empty" % cid)
        if sorted(cids) != sorted(expect.get("cids", [])):
            problems.append("cid references %r, expected %r" % (sorted(cids), expect.get("cids", [])))
        if expect.get("cids") and related is None:
            problems.append("no multipart/related for the inline parts")


def main():
    folder = sys.argv[1]
    dns = json.load(open(os.path.join(folder, "dns.json")))

    def dnsfunc(name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode("ascii")
        txt = dns.get(name.rstrip("."))
        return txt.encode("ascii") if txt else None

    for f in sorted(os.listdir(folder)):
        if not f.endswith(".eml"):
            continue
        name = f[:-4]
        raw = open(os.path.join(folder, f), "rb").read()
        expect = json.load(open(os.path.join(folder, name + ".json")))
        result = {"name": name, "signatures": [], "problems": []}
        d = dkim.DKIM(raw)
        count = sum(1 for h in d.headers if h[0].lower() == b"dkim-signature")
        for i in range(count):
            tags = dkim.util.parse_tag_value(
                [h for h in d.headers if h[0].lower() == b"dkim-signature"][i][1])
            try:
                ok = dkim.DKIM(raw).verify(idx=i, dnsfunc=dnsfunc)
            except Exception as e:
                ok = False
                result["problems"].append("dkimpy: %r" % (e,))
            result["signatures"].append({
                "a": tags[b"a"].decode(), "d": tags[b"d"].decode(), "s": tags[b"s"].decode(), "ok": bool(ok)})
        try:
            check_mime(raw, expect, result["problems"])
        except Exception as e:
            result["problems"].append("check failed: %r" % (e,))
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
