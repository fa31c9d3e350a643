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
