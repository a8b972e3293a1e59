#!/usr/bin/env bash
# Builds target/web/caiju.html: the engine (WebAssembly), the script, the styles and any county
# overlays in one HTML file that works opened from disk or from any static host, and that its
# Content-Security-Policy keeps from asking the network for anything.
#
# Usage: scripts/build-web.sh [--overlay FILE]... [--out FILE]
#   --overlay FILE  bake a county overlay in (as `caiju --overlay FILE` layers it); repeatable
#   --out FILE      write the page here instead of target/web/caiju.html
set -euo pipefail
cd "$(dirname "$0")/.."

overlays=()
out=target/web/caiju.html
while [ $# -gt 0 ]; do
  case "$1" in
    --overlay | --out)
      [ $# -ge 2 ] || { echo "error: $1 needs a file" >&2; exit 2; }
      if [ "$1" = --overlay ]; then overlays+=("$2"); else out=$2; fi
      shift 2 ;;
    --overlay=*) overlays+=("${1#--overlay=}"); shift ;;
    --out=*) out=${1#--out=}; shift ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument \`$1\` (see --help)" >&2; exit 2 ;;
  esac
done
for overlay in "${overlays[@]}"; do
  [ -r "$overlay" ] || { echo "error: $overlay: cannot read" >&2; exit 1; }
done

cargo build --locked --package caiju-web --profile wasm --target wasm32-unknown-unknown
built=target/wasm32-unknown-unknown/wasm/caiju_web.wasm
mkdir -p target/web "$(dirname "$out")"
wasm=target/web/caiju.wasm
if [ "$wasm" -nt "$built" ]; then
  : # optimised already
elif command -v wasm-opt > /dev/null; then
  # The features rustc enables for this target by default.
  wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "$built" -o "$wasm"
else
  echo "note: wasm-opt not found (Debian: binaryen); the page is a little larger" >&2
  cp "$built" "$wasm"
fi

page=web/page
# A CSP source for an inline element: the SHA-256 of its exact text.
hash() { printf "'sha256-%s'" "$(openssl dgst -sha256 -binary "$1" | base64 -w0)"; }
csp="default-src 'none'; script-src $(hash $page/app.js) 'wasm-unsafe-eval'; style-src $(hash $page/style.css); img-src data:; base-uri 'none'; form-action 'none'"
attribute() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g' <<< "$1"; }

tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    @STYLE@) printf '<style>'; cat $page/style.css; printf '</style>\n' ;;
    @SCRIPT@) printf '<script>'; cat $page/app.js; printf '</script>\n' ;;
    @DATA@)
      # Data blocks: not scripts the browser runs, so the CSP needs no hash for them. The
      # WebAssembly is gzipped (the browser's DecompressionStream opens it): a third of the size.
      printf '<script type="application/octet-stream" id="caiju-wasm">'
      gzip -9 -n -c "$wasm" | base64 -w0
      printf '</script>\n'
      for overlay in "${overlays[@]}"; do
        printf '<script type="application/octet-stream" class="caiju-overlay" data-name="%s">' \
          "$(attribute "$(basename "$overlay")")"
        base64 -w0 "$overlay"
        printf '</script>\n'
      done ;;
    *@CSP@*) printf '%s\n' "${line/@CSP@/$csp}" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < $page/index.html > "$tmp"
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "$out: $(stat -c %s "$out") bytes (WebAssembly $(stat -c %s "$wasm") bytes)"
