#!/usr/bin/env bash
# Runs the @gd/sla test suite under several machine time zones to prove the rules never depend on the
# zone of the machine (they take the zone from the calendar, and instants are absolute).
set -euo pipefail
cd "$(dirname "$0")/.."
zones=(UTC Asia/Shanghai America/New_York Pacific/Chatham)
for zone in "${zones[@]}"; do
  echo "== TZ=${zone}"
  TZ="${zone}" npx vitest run --reporter=dot
done
echo "all ${#zones[@]} time zones green"
