#!/usr/bin/env bash
# Runs every IbPortal test (unit, component and Playwright browser tests).
#
#   ./test.sh                                  # everything
#   ./test.sh --filter "FullyQualifiedName~Rooster"   # extra args go to `dotnet test`
#
# On Debian 12 it first installs what the tests need when it is missing
# (chromium at /usr/bin/chromium, fonts-liberation, ICU, tzdata). It never runs
# `playwright install`: the browser tests use Debian's chromium.
#
# The last line of output is always `N passed, N failed[, N skipped]`, summed
# from the TRX files in TestResults/. The exit code is non-zero when a test
# failed or `dotnet test` itself failed (for example a build error).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO_ROOT"

SOLUTION="IbPortal.sln"
RESULTS_DIR="$REPO_ROOT/TestResults"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The app needs real ICU data for nl-NL; never run the tests culture-invariant.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false
# Browser tests use the distro chromium; there is nothing to download.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH="${PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH:-/usr/bin/chromium}"
if [[ -n "${CI:-}" ]]; then
  # No long-lived MSBuild nodes holding the CI job's output pipe open.
  export MSBUILDDISABLENODEREUSE=1
fi

log()  { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------
# 1. System packages (Debian/Ubuntu only)
# ---------------------------------------------------------------------------
pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

icu_installed() {
  dpkg-query -W -f='${Package} ${Status}\n' 'libicu[0-9]*' 2>/dev/null \
    | grep -q ' install ok installed$'
}

ensure_system_packages() {
  if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
    warn "apt-get/dpkg not found: not installing chromium, fonts-liberation, ICU or tzdata."
    return 0
  fi

  local missing=() need_icu=0
  if ! pkg_installed chromium || [[ ! -x /usr/bin/chromium ]]; then missing+=(chromium); fi
  pkg_installed fonts-liberation || missing+=(fonts-liberation)
  if ! pkg_installed tzdata || [[ ! -e /usr/share/zoneinfo/Europe/Amsterdam ]]; then missing+=(tzdata); fi
  # The PostgreSQL, Redis and two-node tests run against real servers (started below on loopback ports).
  if ! pkg_installed postgresql || ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then missing+=(postgresql); fi
  if ! pkg_installed redis-server || ! command -v redis-server >/dev/null 2>&1; then missing+=(redis-server); fi
  icu_installed || need_icu=1

  if [[ ${#missing[@]} -eq 0 && $need_icu -eq 0 ]]; then
    log "System packages present (chromium, fonts-liberation, ICU, tzdata, postgresql, redis-server)."
    return 0
  fi

  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      [[ $need_icu -eq 1 ]] && missing+=(libicu)
      warn "Not root and no sudo: cannot install ${missing[*]}. Tests needing them may fail."
      return 0
    fi
  fi
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq
             -o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)

  log "Updating apt package lists..."
  local attempt
  for attempt in 1 2 3; do
    if "${apt[@]}" update >/dev/null; then break; fi
    if [[ $attempt -eq 3 ]]; then
      warn "apt-get update failed; trying to install from the existing lists."
    else
      sleep 10
    fi
  done

  if [[ $need_icu -eq 1 ]]; then
    local icu_pkg=libicu72   # Debian 12 (bookworm)
    if ! apt-cache show "$icu_pkg" >/dev/null 2>&1; then
      icu_pkg="$(apt-cache search --names-only '^libicu[0-9]+$' 2>/dev/null \
                   | awk '{print $1}' | sort -V | tail -n 1)"
    fi
    if [[ -n "$icu_pkg" ]]; then
      missing+=("$icu_pkg")
    else
      warn "No libicuNN package found; .NET globalization (nl-NL) may not work."
    fi
  fi

  if [[ ${#missing[@]} -gt 0 ]]; then
    log "Installing: ${missing[*]}"
    if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null; then
      warn "apt-get install ${missing[*]} failed. Tests needing them may fail."
    fi
  fi
  [[ -x /usr/bin/chromium ]] || warn "/usr/bin/chromium is missing: Playwright browser tests will fail."
}

# ---------------------------------------------------------------------------
# 2. TRX summary
# ---------------------------------------------------------------------------
# Prints "passed failed skipped files" summed over every *.trx in $1.
# error/timeout/aborted count as failed, notExecuted/inconclusive as skipped.
# A TRX file without a readable <Counters> element counts as one failure.
sum_trx() {
  local dir="$1" passed=0 failed=0 skipped=0 files=0 f counters
  attr() { # attr NAME  -> numeric value of NAME="..." in $counters, 0 if absent
    local v
    v="$(grep -oE "[[:space:]]$1=\"[0-9]+\"" <<<"$counters" | head -n 1 | grep -oE '[0-9]+' || true)"
    echo "${v:-0}"
  }
  [[ -d "$dir" ]] || { echo "0 0 0 0"; return 0; }
  while IFS= read -r -d '' f; do
    files=$((files + 1))
    counters="$(tr '\r\n\t' '   ' <"$f" | grep -oE '<([A-Za-z0-9_]+:)?Counters[[:space:]][^>]*>' | head -n 1 || true)"
    if [[ -z "$counters" ]]; then
      failed=$((failed + 1))
      continue
    fi
    passed=$((passed + $(attr passed) + $(attr passedButRunAborted)))
    failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
    skipped=$((skipped + $(attr notExecuted) + $(attr inconclusive)))
  done < <(find "$dir" -type f -name '*.trx' -print0 2>/dev/null)
  echo "$passed $failed $skipped $files"
}

# Only run the test pipeline when executed (not when sourced, e.g. to test sum_trx).
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  return 0
fi

# ---------------------------------------------------------------------------
# 3. Run the tests
# ---------------------------------------------------------------------------
ensure_system_packages

# PostgreSQL and Redis on loopback ports for the tests that need them, stopped again on exit. When they cannot
# start, those tests fail (they never skip under CI=true).
SERVERS="$REPO_ROOT/IbPortal.Tests/test-servers.sh"
trap 'bash "$SERVERS" stop >/dev/null 2>&1 || true' EXIT
if server_env="$(bash "$SERVERS" start)"; then
  eval "$server_env"
else
  eval "$server_env"
  warn "PostgreSQL or Redis did not start: the tests that need them will fail."
fi

test_rc=0
if ! command -v dotnet >/dev/null 2>&1; then
  warn "dotnet SDK not found on PATH (see global.json for the required version)."
  test_rc=127
else
  if [[ -f .config/dotnet-tools.json || -f dotnet-tools.json ]]; then
    log "Restoring local dotnet tools..."
    dotnet tool restore >/dev/null || warn "dotnet tool restore failed (continuing)."
  fi

  rm -rf "$RESULTS_DIR"
  mkdir -p "$RESULTS_DIR"

  if grep -qs '"Microsoft.Testing.Platform"' global.json; then
    # global.json selects Microsoft.Testing.Platform mode for `dotnet test`.
    cmd=(dotnet test --solution "$SOLUTION" -c Release
         --results-directory "$RESULTS_DIR" --report-trx "$@")
  else
    cmd=(dotnet test "$SOLUTION" -c Release
         --results-directory "$RESULTS_DIR"
         --logger "trx" --logger "console;verbosity=normal" "$@")
  fi
  log "${cmd[*]}"
  "${cmd[@]}" || test_rc=$?
fi

read -r passed failed skipped trx_files < <(sum_trx "$RESULTS_DIR")

if [[ "$trx_files" -eq 0 ]]; then
  warn "No TRX results found in $RESULTS_DIR (build failed or no tests ran); dotnet test exit code $test_rc."
  echo "0 passed, 1 failed"
  exit 1
fi

if [[ "$test_rc" -ne 0 && "$failed" -eq 0 ]]; then
  # e.g. one project failed to build while others ran: do not report a clean run.
  warn "dotnet test exited with code $test_rc although no test in the TRX files failed."
  failed=1
fi

# Figures the tests observed (lines "Measured: ..." written through ITestOutputHelper), for the closing notes.
find "$RESULTS_DIR" -type f -name '*.trx' -exec grep -ho 'Measured: [^&<]*' {} + 2>/dev/null | sort -u || true

summary="$passed passed, $failed failed"
if [[ "$skipped" -gt 0 ]]; then
  summary+=", $skipped skipped"
fi
echo "$summary"

if [[ "$failed" -gt 0 || "$test_rc" -ne 0 ]]; then
  exit 1
fi
exit 0
