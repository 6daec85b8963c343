#!/usr/bin/env python3
"""Issue 8 item 2, memory: N connections from 2 loopback source addresses each send SIZE bytes after DATA without
the final dot, then close. Prints the kakunin process's VmHWM/VmRSS (from /proc/PID/status) before, during and after,
and the spool folder's size. A well-behaved client sends one message meanwhile. Loopback only.

With --finish each connection sends the final dot instead and waits for its reply (the store's side: every
message read into memory to be stored, under SmtpServerOptions.MaxMessageMemory).

usage: unfinished_data.py PID SMTP_PORT DATA_FOLDER [--connections 40] [--mib 34] [--finish]
"""
import argparse, os, socket, threading, time

def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmHWM", "VmRSS"):
                fields[k] = int(v.split()[0]) // 1024
    return fields

def spool_bytes(data):
    folder = os.path.join(data, "spool")
    try:
        return sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))
    except FileNotFoundError:
        return 0

def read_reply(sock):
    buf = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return buf.decode(errors="replace")
        buf += chunk
        lines = buf.split(b"\r\n")
        for line in lines[:-1]:
            if len(line) >= 4 and line[3:4] == b" ":
                return buf.decode(errors="replace")

def command(sock, line):
    sock.sendall(line.encode() + b"\r\n")
    return read_reply(sock)

def start(port, source):
    s = socket.create_connection(("127.0.0.1", port), source_address=(source, 0))
    read_reply(s)
    command(s, "EHLO hostile.example")
    command(s, "MAIL FROM:<x@hostile.example>")
    command(s, "RCPT TO:<bob@example.test>")
    return s, command(s, "DATA")

results = []
def hostile(port, source, size, opened, release, finish):
    try:
        s, reply = start(port, source)
        results.append(reply.strip()[:60])
        if reply.startswith("354"):
            line = (b"x" * 998) + b"\r\n"
            sent = 0
            while sent < size:
                s.sendall(line * 64)
                sent += len(line) * 64
            if finish:
                s.sendall(b".\r\n")
                results.append("final: " + read_reply(s).strip()[:60])
        opened.release()
        release.wait()
        s.close()
    except OSError as e:
        results.append(f"error {e}")
        opened.release()

def legit(port):
    s, reply = start(port, "127.0.0.4")
    if not reply.startswith("354"):
        return reply.strip()
    s.sendall(b"Subject: hello\r\n\r\nwhile under attack\r\n.\r\n")
    final = read_reply(s).strip()
    command(s, "QUIT")
    s.close()
    return final

def main():
    p = argparse.ArgumentParser()
    p.add_argument("pid", type=int); p.add_argument("port", type=int); p.add_argument("data")
    p.add_argument("--connections", type=int, default=40); p.add_argument("--mib", type=int, default=34)
    p.add_argument("--finish", action="store_true")
    a = p.parse_args()
    print("before", status(a.pid), "spool", spool_bytes(a.data))
    opened, release = threading.Semaphore(0), threading.Event()
    threads = [threading.Thread(target=hostile, args=(a.port, "127.0.0.2" if i % 2 == 0 else "127.0.0.3", a.mib << 20, opened, release, a.finish)) for i in range(a.connections)]
    started = time.time()
    for t in threads: t.start()
    for _ in threads: opened.acquire()
    time.sleep(2)  # let the server drain its socket buffers
    print(f"during (all sent, {time.time() - started:.0f} s)", status(a.pid), "spool", spool_bytes(a.data))
    replies = {}
    for r in results: replies[r] = replies.get(r, 0) + 1
    print("replies:", replies)
    print("legitimate client meanwhile:", legit(a.port))
    release.set()
    for t in threads: t.join()
    time.sleep(5)
    print("after close (+5 s)", status(a.pid), "spool", spool_bytes(a.data))

main()
