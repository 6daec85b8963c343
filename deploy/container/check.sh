#!/usr/bin/env bash
# Starts the Kakunin image (Containerfile) on loopback ports and checks what a user would: /health answers "ok" and
# SMTP greets with 220 and the configured host name; then backs it up from inside and stops it.
# Usage: deploy/container/check.sh [IMAGE]   (default: localhost/kakunin, built with `podman build -t kakunin -f Containerfile .`)
# Needs: podman, curl, and a free port range 20025-20443 on 127.0.0.1.
set -euo pipefail
image="${1:-localhost/kakunin}"
name="kakunin-check-$$"
volume="kakunin-check-data-$$"
smtp=20025 http=20080

cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT

podman run -d --name "$name" -v "$volume:/var/lib/kakunin" \
  -p "127.0.0.1:$smtp:2525" -p "127.0.0.1:$http:8080" \
  -e KAKUNIN__HOSTNAME=mail.check.test "$image" >/dev/null

for _ in $(seq 1 60); do
  if health="$(curl -fsS "http://127.0.0.1:$http/health" 2>/dev/null)"; then break; fi
  sleep 1
done
echo "health: ${health:-none}"
[[ "${health:-}" == *'"status":"ok"'* ]] || { podman logs "$name"; echo "FAIL: /health"; exit 1; }

# RFC 5321 §4.2: the greeting is 220 followed by the server's name.
exec 3<>"/dev/tcp/127.0.0.1/$smtp"
read -r -t 10 greeting <&3 || true
printf 'QUIT\r\n' >&3
exec 3>&-
echo "greeting: ${greeting%$'\r'}"
[[ "$greeting" == "220 mail.check.test"* ]] || { podman logs "$name"; echo "FAIL: SMTP greeting"; exit 1; }

# A backup from inside the running container (a folder that exists and the app user may write).
podman exec "$name" kakunin domain add check.test >/dev/null
podman exec "$name" sh -c 'mkdir -p /tmp/b && kakunin backup /tmp/b' || { echo "FAIL: backup"; exit 1; }
echo "OK"
