// A webhook receiver for Kakunin's tests and benchmark (docs/webhooks.md): listens on 127.0.0.1, verifies every
// request with the `standardwebhooks` package (the specification's reference verifier) and prints one JSON line per
// request on stdout: {"id", "verified", "error", "type", "event_id", "received_ms", "signature", "timestamp"}.
// Usage: node receiver.js SECRET [PORT]; it prints {"listening": PORT} first. Behaviour is set per request count with
// environment variables: RECEIVER_FAIL_FIRST=N answers 500 to the first N requests, RECEIVER_DELAY_MS=M waits M ms
// before answering (a slow receiver).
'use strict';
const http = require('node:http');
const { Webhook } = require('standardwebhooks');

const secret = process.argv[2];
const port = Number(process.argv[3] || 0);
const failFirst = Number(process.env.RECEIVER_FAIL_FIRST || 0);
const delayMs = Number(process.env.RECEIVER_DELAY_MS || 0);
const verifier = new Webhook(secret);
let seen = 0;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const received = Date.now();
    const body = Buffer.concat(chunks).toString('utf8');
    const line = {
      id: req.headers['webhook-id'] || null,
      timestamp: req.headers['webhook-timestamp'] || null,
      signature: req.headers['webhook-signature'] || null,
      received_ms: received,
      verified: false,
      error: null,
      type: null,
      event_id: null,
    };
    try {
      const payload = verifier.verify(body, req.headers);
      line.verified = true;
      line.type = payload.type;
      line.event_id = payload.data && payload.data.event_id;
    } catch (e) {
      line.error = String(e && e.message ? e.message : e);
    }
    seen += 1;
    const status = seen <= failFirst ? 500 : line.verified ? 204 : 400;
    line.status = status;
    process.stdout.write(JSON.stringify(line) + '\n');
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 500 ? 'receiver told to fail' : '');
    }, delayMs);
  });
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ listening: server.address().port }) + '\n');
});
