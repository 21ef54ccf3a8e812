#!/usr/bin/env bash
# Tells whether the TorchSharp that NuGet serves can be loaded on this machine, so the decision to train
# through our own libtorch bridge (native/) can be revisited. Run by a maintainer, never by CI or the tests:
# the full check restores TorchSharp-cpu (its libtorch-cpu-linux-x64 package is about 600 MB).
#   build/check-torchsharp.sh            # quick: compares this libstdc++ with what TorchSharp needs (no download)
#   build/check-torchsharp.sh --load     # restores TorchSharp-cpu in a scratch project and runs torch.ones(2) + 1
#   TORCHSHARP_VERSION=0.108.0 build/check-torchsharp.sh --load
# Exit status: 0 loadable (or the quick check finds nothing missing), 1 not loadable here, 2 could not check.
set -euo pipefail
VERSION=${TORCHSHARP_VERSION:-0.107.0}
NEEDED=GLIBCXX_3.4.32   # what libLibTorchSharp.so 0.107.0 asks for (std::ios_base_library_init, GCC 13)

libstdcxx=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
if [ -z "$libstdcxx" ] || [ ! -f "$libstdcxx" ]; then echo "libstdc++.so.6 not found"; exit 2; fi
newest=$(grep -ao 'GLIBCXX_3\.4\.[0-9]*' "$libstdcxx" | sort -t. -k3 -n | tail -1)
echo "this machine: $libstdcxx provides up to $newest; TorchSharp $VERSION needs $NEEDED"

if [ "${1:-}" != "--load" ]; then
  if grep -aq "$NEEDED" "$libstdcxx"; then
    echo "libstdc++ is new enough: run with --load to confirm that TorchSharp $VERSION loads"; exit 0
  fi
  echo "not loadable here (run with --load to try anyway, e.g. for a newer TORCHSHARP_VERSION)"; exit 1
fi

work=$(mktemp -d /tmp/check-torchsharp.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat > "$work/check.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageReference Include="TorchSharp-cpu" Version="$VERSION" /></ItemGroup>
</Project>
PROJ
echo 'Console.WriteLine($"TorchSharp loads: {(TorchSharp.torch.ones(2) + 1).sum().item<float>()} (expected 4)");' > "$work/Program.cs"
echo "restoring TorchSharp-cpu $VERSION into $work (about 600 MB)…"
start=$(date +%s)
if ! dotnet build "$work" -c Release -nologo -v:q >"$work/build.log" 2>&1; then tail -20 "$work/build.log"; exit 2; fi
echo "restored and built in $(( $(date +%s) - start )) s"
if dotnet "$work/bin/Release/net10.0/check.dll"; then exit 0; fi
so=$(find "$work/bin" -name libLibTorchSharp.so | head -1)
[ -n "$so" ] && { echo "ldd $so:"; ldd "$so" 2>&1 | grep -i "not found\|version" || true; }
exit 1
