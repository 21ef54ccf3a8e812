#!/usr/bin/env bash
# Bootstrap and run: installs what a fresh Debian/Ubuntu machine lacks, restores the pinned Cake tool,
# builds the solution (Release; NuGet brings DuckDB's native library in DuckDB.NET.Data.Full) and native
# parts, then runs the Cake script:
#   ./build.sh                      # the default workflow, end to end
#   ./build.sh --target Associate   # one stage and whatever it needs
#   ./build.sh --target Test        # the test suite
# Idempotent: with nothing changed, the set-up steps are skipped in well under a second.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DEPS=$ROOT/.deps
mkdir -p "$DEPS"
say() { printf '\033[1m[build.sh]\033[0m %s\n' "$*" >&2; }

# ---- 1. System packages -------------------------------------------------------------------------
# Build and runtime needs: the libtorch bridge (native/) is compiled with CMake against Debian's libtorch;
# GDCM's C# bindings read and write DICOM; python3-pydicom ships the DICOM test files the tests read.
# Reference tools (R, python3-statsmodels, dcmtk) are only needed to regenerate golden files and are
# listed in README.md, not installed here.
# chromium: the run report's browser test loads the report headless (no console errors, no network requests).
# slurmctld slurmd slurm-client munge: the Slurm executor's tests run a single-node cluster (scripts/slurm-local.sh; daemons
# are started there, not by the packages).
APT_PACKAGES=(ca-certificates curl git openssl cmake g++ make libtorch-dev libgdcm-cil python3-pydicom fonts-dejavu-core chromium
  slurmctld slurmd slurm-client munge)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then say "installing ${missing[*]}"; sh -c "$cmd"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then say "installing ${missing[*]} with sudo"; sudo sh -c "$cmd"
  else say "missing system packages; run as root:"; echo "  sudo sh -c '$cmd'" >&2; exit 1
  fi
fi
if ! command -v dotnet >/dev/null 2>&1; then
  say "the .NET 10 SDK is missing: see https://learn.microsoft.com/dotnet/core/install/linux-debian (e.g. apt-get install dotnet-sdk-10.0 from packages.microsoft.com)"
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---- 2. Cake, pinned in .config/dotnet-tools.json ---------------------------------------------------
if [ ! -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}/cake.tool/7.0.0" ]; then
  say "restoring Cake.Tool 7.0.0"
  dotnet tool restore >/dev/null
fi

# ---- 2b. Plotly.js for the run report, pinned and checked -------------------------------------------
# The report inlines Plotly's cartesian bundle (heatmap, scatter, bar: all the report draws; 1.5 MB against the full
# bundle's 4.8 MB, so a report opens faster). The npm tarball is checked against the registry's dist.integrity
# (SHA-512) before it is unpacked; the Report project embeds it.
PLOTLY_PACKAGE=plotly.js-cartesian-dist-min
PLOTLY_VERSION=4.1.1
PLOTLY_SHA512=o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/Z6w4P5O0Jus/Qr5EefHVeg==
PLOTLY_DIR=$DEPS/plotly/$PLOTLY_PACKAGE-$PLOTLY_VERSION
if [ ! -f "$PLOTLY_DIR/plotly.min.js" ]; then
  say "fetching $PLOTLY_PACKAGE $PLOTLY_VERSION from the npm registry"
  tmp=$(mktemp -d)
  curl -fsSL "https://registry.npmjs.org/$PLOTLY_PACKAGE/-/$PLOTLY_PACKAGE-$PLOTLY_VERSION.tgz" -o "$tmp/plotly.tgz"
  actual=$(openssl dgst -sha512 -binary "$tmp/plotly.tgz" | openssl base64 -A)
  if [ "$actual" != "$PLOTLY_SHA512" ]; then
    say "$PLOTLY_PACKAGE-$PLOTLY_VERSION.tgz: SHA-512 $actual, expected $PLOTLY_SHA512; not using it"; rm -rf "$tmp"; exit 1
  fi
  tar -xzf "$tmp/plotly.tgz" -C "$tmp" package/plotly-cartesian.min.js package/LICENSE
  mkdir -p "$PLOTLY_DIR"
  mv "$tmp/package/plotly-cartesian.min.js" "$PLOTLY_DIR/plotly.min.js"
  mv "$tmp/package/LICENSE" "$PLOTLY_DIR/"
  rm -rf "$tmp"
fi

# ---- 3. Native parts and the solution, only when a source changed since the last good build --------
stamp=$DEPS/build.stamp
changed() {
  [ ! -f "$stamp" ] && return 0
  [ -n "$(find src tests bench native Directory.Build.props Directory.Packages.props Radiogenomics.slnx global.json \
      -newer "$stamp" -type f -not -path '*/bin/*' -not -path '*/obj/*' -not -path 'native/build/*' -print -quit 2>/dev/null)" ]
}
if changed; then
  if [ -x native/build.sh ]; then say "building the native libtorch bridge"; native/build.sh; fi
  say "building the solution (Release)"
  dotnet build Radiogenomics.slnx -c Release -nologo -clp:ErrorsOnly -v:quiet
  rm -rf build/tools/cache # Cake's compiled-script cache must not outlive the assemblies it was compiled against
  touch "$stamp"
fi

# ---- 4. Cake -----------------------------------------------------------------------------------------
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true
status=0
rm -f .test-results/summary.txt build/tools/last-report.txt # never report a previous run's counts or report
dotnet tool run dotnet-cake -- build/build.cake "$@" || status=$?
# A run ends with the path of its HTML report, after Cake's task summary.
if [ -f build/tools/last-report.txt ]; then
  echo
  echo "report: $(realpath --relative-to=. "$(cat build/tools/last-report.txt)")"
fi
# The Test target's closing line "N passed, N failed" comes last, alone and uncoloured, for people and CI.
if [[ " $* " =~ [[:space:]]--target([[:space:]]|=)Test[[:space:]] ]] && [ -f .test-results/summary.txt ]; then
  echo
  cat .test-results/summary.txt
fi
exit $status
