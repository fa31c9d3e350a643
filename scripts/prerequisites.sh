# Sourced by run.sh, test.sh and bench.sh: installs what a fresh checkout is missing.
# Needs only the .NET 10 SDK and Node.js on PATH; npm packages go to ./node_modules, nothing global.

require() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is not on PATH ($2)" >&2; exit 1; }
}

ensure_prerequisites() {
  require dotnet "install the .NET 10 SDK"
  require node "install Node.js 20 or later"
  require npm "install Node.js 20 or later"

  local stamp=node_modules/.gonghui-lock-hash
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> npm ci (Azurite, maildev)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
  fi

  echo "==> dotnet restore"
  dotnet restore Gonghui.slnx --locked-mode --nologo -v q
}

# Browser tests drive Debian's Chromium (Playwright cannot download its own browsers here) and read Chinese text.
ensure_test_browser() {
  command -v chromium >/dev/null 2>&1 && dpkg -s fonts-noto-cjk >/dev/null 2>&1 && return 0
  echo "==> apt-get install chromium fonts-noto-cjk"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q chromium fonts-noto-cjk >/dev/null \
    || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q chromium fonts-noto-cjk >/dev/null; } \
    || { echo "error: could not install chromium and fonts-noto-cjk with apt-get" >&2; return 1; }
}
