#!/usr/bin/env bash
# Regenerates the golden files of Radiogenomics.Imaging.Tests with DCMTK (sudo apt-get install dcmtk), an
# implementation independent of GDCM. The test suite reads only the text files written here; it never
# runs this script and does not need DCMTK.
#   tests/Radiogenomics.Imaging.Tests/golden/make_golden.sh
# Inputs: pydicom's test files (python3-pydicom; PYDICOM_TEST_FILES overrides the folder) and, for the
# round-trip golden, the built test suite (dotnet build tests/Radiogenomics.Imaging.Tests -c Release).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
src=${PYDICOM_TEST_FILES:-/usr/lib/python3/dist-packages/pydicom/data/test_files}
for tool in dcmdump dcmdjpeg od awk; do
  command -v "$tool" >/dev/null || { echo "make_golden.sh: $tool is missing (sudo apt-get install dcmtk coreutils gawk)" >&2; exit 1; }
done
[ -d "$src" ] || { echo "make_golden.sh: $src is missing: sudo apt-get install python3-pydicom" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

dcmdump --version | sed -n 1p > "$here/dcmdump-version.txt"

# 1. Every attribute of the six encodings of MR_small (same image: explicit/implicit little endian, big
#    endian, RLE, JPEG-LS lossless, JPEG 2000 lossless). -Un: UIDs as numbers, +L: long values in full,
#    -M: bulk data (pixels, padding) not loaded.
for name in MR_small MR_small_implicit MR_small_bigendian MR_small_RLE MR_small_jpeg_ls_lossless MR_small_jp2klossless; do
  dcmdump -Un +L -M "$src/$name.dcm" > "$here/$name.dcmdump.txt"
done

# 2. MR_small's stored pixel values as DCMTK writes them (raw little-endian int16), one image row per line.
dcmdump -q +W "$tmp" "$src/MR_small.dcm" > /dev/null
od -An -v -td2 -w128 "$tmp/MR_small.dcm.0.raw" | awk '{$1=$1; print}' > "$here/MR_small.pixels.txt"

# 3. The 12-bit JPEG extended (process 2/4) file decoded by DCMTK's libjpeg: count, min, max, sum, sum of
#    squares of the stored values (the full image is 1024 × 256, too big to keep as text).
dcmdjpeg "$src/JPEG-lossy.dcm" "$tmp/jpeg-lossy-decoded.dcm" 2>/dev/null
dcmdump -q +W "$tmp" "$tmp/jpeg-lossy-decoded.dcm" > /dev/null
od -An -v -tu2 -w2 "$tmp/jpeg-lossy-decoded.dcm.0.raw" | awk '
  { v=$1; n++; s+=v; q+=v*v; if (n==1||v<mn) mn=v; if (n==1||v>mx) mx=v }
  END { printf "count %d\nmin %d\nmax %d\nsum %d\nsumsq %d\n", n, mn, mx, s, q }' > "$here/JPEG-lossy.stats.txt"

# 4. A file of the synthetic MR series the round-trip test writes (deterministic UIDs, fixed values):
#    the suite copies it out when RADIOGENOMICS_IMAGING_GOLDEN_OUT is set.
exe=$repo/tests/Radiogenomics.Imaging.Tests/bin/Release/net10.0/Radiogenomics.Imaging.Tests
[ -x "$exe" ] || { echo "make_golden.sh: build the suite first: dotnet build tests/Radiogenomics.Imaging.Tests -c Release" >&2; exit 1; }
RADIOGENOMICS_IMAGING_GOLDEN_OUT=$tmp "$exe" -method "*.MrSeriesWriterTests.RoundTrip_SyntheticSeries_ReadsBackExactly" > "$tmp/run.log" \
  || { cat "$tmp/run.log" >&2; exit 1; }
[ -f "$tmp/synthetic_mr.dcm" ] || { echo "make_golden.sh: the suite did not write synthetic_mr.dcm" >&2; exit 1; }
# The implementation UID and version name carry GDCM's version, and the meta group length their length:
# left out so a GDCM update does not break the golden.
dcmdump -Un +L -M "$tmp/synthetic_mr.dcm" | grep -v -e '(0002,0000)' -e '(0002,0012)' -e '(0002,0013)' > "$here/synthetic_mr.dcmdump.txt"

echo "golden files written to $here"
