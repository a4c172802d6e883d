#!/usr/bin/env bash
# The API against its own OpenAPI schema: a live server on the Kasur plan, a token user, schemathesis.
# Fails on any server error, a response the schema does not describe, or a status code it does not list.
#
#   tests/contract/run_schemathesis.sh                       # a fresh SQLite database in a temporary folder
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/x tests/contract/run_schemathesis.sh   # an empty database
#
# CONTRACT_PORT (8765), CONTRACT_EXAMPLES (examples per operation, 5) and CONTRACT_WORKERS bound the run:
# 2 workers on PostgreSQL, 1 on SQLite, which takes one write at a time.
set -euo pipefail
cd "$(dirname "$0")/../.."

VENV=${VENV:-.venv}
PY="$VENV/bin/python"
PORT=${CONTRACT_PORT:-8765}
WORK=$(mktemp -d)
export DEBUG=true
export DATABASE_URL=${DATABASE_URL:-sqlite:///$WORK/contract.sqlite3}
case "$DATABASE_URL" in sqlite*) WORKERS=${CONTRACT_WORKERS:-1} ;; *) WORKERS=${CONTRACT_WORKERS:-2} ;; esac
export MEDIA_ROOT="$WORK/media"
# The run's own requests must not be throttled; the throttles have tests of their own.
export API_THROTTLE_ANON=100000/min API_THROTTLE_USER=100000/min

server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$PY" manage.py migrate --noinput >/dev/null
"$PY" manage.py loaddata kasur_2023_24 >/dev/null
TOKEN=$("$PY" manage.py shell --no-imports -c "
from django.contrib.auth.models import User
from knox.models import AuthToken
user = User.objects.create_superuser('contract', password=None)
print(AuthToken.objects.create(user=user)[1])")

# The schema as the server would serve it, generated once (it is large, and slow to make on a busy machine).
"$PY" manage.py spectacular --file "$WORK/schema.yaml" --validate --fail-on-warn

"$PY" manage.py runserver --noreload "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -sS -o /dev/null "http://127.0.0.1:$PORT/api/v1/" 2>/dev/null && break
  sleep 1
done

status=0
"$VENV/bin/schemathesis" run "$WORK/schema.yaml" --url "http://127.0.0.1:$PORT" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance \
  --header "Authorization: Token $TOKEN" \
  --max-examples "${CONTRACT_EXAMPLES:-5}" \
  --workers "$WORKERS" \
  --phases examples,fuzzing \
  --request-timeout 180 \
  --no-shrink \
  "$@" || status=$?
if [ "$status" != 0 ]; then
  echo "== server errors in the server's log"
  grep -E -B2 -A40 "Internal Server Error|Traceback" "$WORK/server.log" | head -200 || true
fi
exit "$status"
